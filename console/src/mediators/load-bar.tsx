import { useLocale } from '../locale';
import type { TextKey } from '../text';
import { loadLevel, loadShare, loadText } from './roster';

const LEVEL_TEXT: Readonly<Record<string, TextKey | undefined>> = { full: 'loadFull', over: 'loadOver', high: 'loadHigh' };

/** Load against capacity: a bar (width = share) and the figures "3/8", with a word when full or over. */
export function LoadBar({ load, capacity }: { readonly load: number; readonly capacity: number }) {
  const { t } = useLocale();
  const level = loadLevel(load, capacity);
  const word = LEVEL_TEXT[level];
  return (
    <div class="load" data-testid="load-bar" data-level={level}>
      <div class="load-track" aria-hidden="true">
        <div class="load-fill" style={{ width: `${(loadShare(load, capacity) * 100).toFixed(1)}%` }} />
      </div>
      <span class="load-text">
        {loadText(load, capacity)}
        {word && <span class="load-word"> {t(word)}</span>}
      </span>
    </div>
  );
}
