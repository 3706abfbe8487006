// Moved to src/ui/components/highlight.ts (the exercise screens share it). This re-export only
// keeps the existing import in tests/ui/ui-helpers.test.tsx working; delete it once that test
// imports '@/ui/components/highlight'.
export { highlightSegments, type TextSegment } from '@/ui/components/highlight';
