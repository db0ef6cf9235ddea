// Mixpanel's Bulk invite CSV, checked before it is uploaded: dropped here or picked from disk.
import { createRef, type JSX } from 'preact';
import { displayText } from '../lib/text';
import { FocusAfterRender } from './focus';
import { differs } from './differs';

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

export class BulkDrop extends FocusAfterRender<BulkDropProps, { over: boolean }> {
  override shouldComponentUpdate(next: BulkDropProps, nextState: { over: boolean }): boolean {
    return differs(this.props, next) || differs(this.state, nextState);
  }

  private readonly section = createRef<HTMLElement>();

  private find(name: string) {
    return () => this.section.current?.querySelector<HTMLElement>(`[data-invite-guard="${name}"]`);
  }

  // The file picker and the file's report replace each other: the keyboard follows.
  private readonly clear = () => {
    this.focusAfterRender(this.find('bulk-file'));
    this.props.onClear();
  };

  private take(files: FileList | null | undefined) {
    const file = files?.[0];
    if (!file) return;
    this.focusAfterRender(this.find('bulk-clear'));
    this.props.onFile(file);
  }

  override render({ state }: BulkDropProps, { over }: { over: boolean }): JSX.Element {
    const setOver = (value: boolean) => this.setState({ over: value });
    return (
      <section
        class="ig-section ig-bulk"
        data-invite-guard="bulk"
        data-over={over ? 'true' : 'false'}
        aria-labelledby="ig-bulk-title"
        ref={this.section}
        onDragOver={(e: DragEvent) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e: DragEvent) => {
          e.preventDefault();
          setOver(false);
          this.take(e.dataTransfer?.files);
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
            <button type="button" class="ig-button" data-invite-guard="bulk-clear" onClick={this.clear}>
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
                this.take(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </label>
        )}
      </section>
    );
  }
}
