// Mixpanel's Bulk invite CSV, checked before it is uploaded: dropped here or picked from disk.
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { displayText } from '../lib/text';
import { useFocusAfterRender } from './focus';

export interface BulkState {
  fileName: string;
  rows: number;
  /** Lines of the file that could not be read, with the reason. */
  errors: { line: number; message: string }[];
}

interface BulkDropProps {
  state: BulkState | null;
  onFile: (file: File) => void;
  onClear: () => void;
}

export function BulkDrop({ state, onFile, onClear }: BulkDropProps): JSX.Element {
  const [over, setOver] = useState(false);
  const section = useRef<HTMLElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const find = (name: string) => () => section.current?.querySelector<HTMLElement>(`[data-invite-guard="${name}"]`);
  // The file picker and the file's report replace each other: the keyboard follows.
  const clear = () => {
    focusAfterRender(find('bulk-file'));
    onClear();
  };
  const take = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (!file) return;
    focusAfterRender(find('bulk-clear'));
    onFile(file);
  };
  return (
    <section
      class="ig-section ig-bulk"
      data-invite-guard="bulk"
      data-over={over ? 'true' : 'false'}
      aria-labelledby="ig-bulk-title"
      ref={section}
      onDragOver={(e: DragEvent) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer?.files);
      }}
    >
      <h3 id="ig-bulk-title">Bulk invite file</h3>
      {state ? (
        <div class="ig-bulk-state">
          <p>
            {displayText(state.fileName, 60)}: {state.rows} row{state.rows === 1 ? '' : 's'} checked above
            {state.errors.length > 0 ? `, ${state.errors.length} unreadable` : ''}.
          </p>
          {state.errors.length > 0 ? (
            <ul class="ig-bulk-errors">
              {state.errors.slice(0, 5).map((e) => (
                <li key={e.line}>
                  Line {e.line}: {displayText(e.message, 160)}
                </li>
              ))}
            </ul>
          ) : null}
          <button type="button" class="ig-button" data-invite-guard="bulk-clear" onClick={clear}>
            Stop checking this file
          </button>
        </div>
      ) : (
        <label class="ig-drop">
          <span>Drop the CSV here before you upload it, or choose a file.</span>
          <input
            type="file"
            accept=".csv,text/csv"
            data-invite-guard="bulk-file"
            onChange={(e: JSX.TargetedEvent<HTMLInputElement>) => {
              take(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </label>
      )}
    </section>
  );
}
