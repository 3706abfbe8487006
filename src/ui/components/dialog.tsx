import { useEffect, useId, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

interface DialogProps {
  open: boolean;
  title: string;
  /** Escape and the cancel button call this. */
  onCancel: () => void;
  children: ReactNode;
  /** The buttons, last in the dialog. */
  actions: ReactNode;
  /** Where focus goes on open; the first focusable element otherwise. */
  initialFocusRef?: RefObject<HTMLElement | null>;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog after the WAI-ARIA Authoring Practices dialog pattern: labelled by its title and
 * described by its body, focus moves in on open and back to the opener on close, Tab stays inside,
 * Escape cancels, and the rest of the page is inert while it is open. Hand-rolled rather than
 * `<dialog>.showModal()` because jsdom (the component tests) does not implement showModal.
 */
export function Dialog({ open, title, onCancel, children, actions, initialFocusRef }: DialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const backdropRef = useRef<HTMLDivElement>(null);
  const onCancelRef = useRef(onCancel);

  useEffect(() => {
    onCancelRef.current = onCancel;
  }, [onCancel]);

  useLayoutEffect(() => {
    if (!open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const made: Element[] = [];
    for (const child of Array.from(document.body.children)) {
      if (child === backdropRef.current || child.hasAttribute('inert')) continue;
      child.setAttribute('inert', '');
      made.push(child);
    }
    const first = initialFocusRef?.current ?? boxRef.current?.querySelector<HTMLElement>(FOCUSABLE) ?? boxRef.current;
    first?.focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        onCancelRef.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const focusable = Array.from(boxRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
      const head = focusable[0];
      const tail = focusable[focusable.length - 1];
      if (!head || !tail) return;
      if (event.shiftKey && (document.activeElement === head || !boxRef.current?.contains(document.activeElement))) {
        event.preventDefault();
        tail.focus();
      } else if (!event.shiftKey && (document.activeElement === tail || !boxRef.current?.contains(document.activeElement))) {
        event.preventDefault();
        head.focus();
      }
    };
    // On the document, so Escape works wherever focus is (and the dialog element needs no handler).
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      for (const child of made) child.removeAttribute('inert');
      opener?.focus();
    };
  }, [open, initialFocusRef]);

  if (!open) return null;

  return createPortal(
    <div ref={backdropRef} className="dialog-backdrop">
      <div ref={boxRef} role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId} className="dialog" tabIndex={-1}>
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <div id={bodyId} className="dialog__body">
          {children}
        </div>
        <div className="dialog__actions">{actions}</div>
      </div>
    </div>,
    document.body,
  );
}
