import { benchImport } from '/work/main/bench/import-bench';
benchImport().then((f) => console.log(f));
