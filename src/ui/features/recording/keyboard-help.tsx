/** The form's keyboard shortcuts, in a disclosure next to its heading. */
export function KeyboardHelp() {
  return (
    <details className="keyboard-help">
      <summary>Keyboard shortcuts</summary>
      <dl>
        <div>
          <dt>
            <kbd>Enter</kbd>
          </dt>
          <dd>Next field. In the last field of a row: the next row, or a new row at the end.</dd>
        </div>
        <div>
          <dt>
            <kbd>Tab</kbd> / <kbd>Shift</kbd>+<kbd>Tab</kbd>
          </dt>
          <dd>Move through the fields and the Remove button of each row.</dd>
        </div>
        <div>
          <dt>
            <kbd>↓</kbd>
          </dt>
          <dd>In a field with suggestions: open the list from the code tables. Typing anything else is fine too.</dd>
        </div>
        <div>
          <dt>
            <kbd>←</kbd> <kbd>→</kbd>
          </dt>
          <dd>On the section tabs: switch section.</dd>
        </div>
        <div>
          <dt>
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd> on a Mac)
          </dt>
          <dd>Submit. You are asked to confirm first; Escape goes back to the form.</dd>
        </div>
      </dl>
    </details>
  );
}
