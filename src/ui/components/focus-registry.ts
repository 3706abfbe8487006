/**
 * Focus to move after the session has re-rendered with new answers: an action names the element
 * it wants focused next (`request`), elements register under a key (`ref`), and an effect that
 * runs after every render calls `flush`. A plain object kept in state, so that render never
 * reads a ref (react-hooks/refs).
 */
export class FocusRegistry {
  private readonly elements = new Map<string, HTMLElement>();
  private readonly callbacks = new Map<string, (el: HTMLElement | null) => void>();
  private pending: string | null = null;

  /** A stable ref callback per key, so React does not detach and reattach it on every render. */
  ref(key: string): (el: HTMLElement | null) => void {
    let callback = this.callbacks.get(key);
    if (!callback) {
      callback = (el) => {
        if (el) this.elements.set(key, el);
        else this.elements.delete(key);
      };
      this.callbacks.set(key, callback);
    }
    return callback;
  }

  request(key: string | null): void {
    this.pending = key;
  }

  flush(): void {
    const el = this.pending ? this.elements.get(this.pending) : undefined;
    if (el) {
      el.focus();
      this.pending = null;
    }
  }
}
