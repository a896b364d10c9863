/**
 * Search box
 *
 * A text box whose Enter runs the API's `search` and lists the hits as buttons: ArrowDown
 * moves from the box into the list, arrow keys walk it, Enter picks a hit. The same box picks
 * the ends of a path.
 */
import { graphql, SEARCH } from './api.js';
import { fill, h, resetRovingFocus, rovingFocus } from './dom.js';
import { kindBadge } from './graphView.js';

function hitLabel(hit) {
  const { entity, matchedField, matchedText } = hit;
  const matched =
    matchedText.toLowerCase() !== entity.name.toLowerCase()
      ? h('span', { className: 'matched' }, `${matchedField}: ${matchedText}`)
      : null;
  return [h('span', { className: 'name' }, entity.name), kindBadge(entity.kind), matched];
}

/**
 * Wires `form` (holding `input`) to `list`. `onPick(entity)` is called with the hit chosen;
 * `onStatus(text)` reports progress and errors.
 */
export function searchBox({ form, input, list, first = 10, onPick, onStatus }) {
  rovingFocus(list);
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown') return;
    const button = list.querySelector('button');
    if (!button) return;
    event.preventDefault();
    button.focus();
  });

  async function run() {
    const query = input.value.trim();
    if (!query) return;
    onStatus(`Searching for “${query}”…`);
    try {
      const { search } = await graphql(SEARCH, { query, first });
      fill(
        list,
        search.length === 0
          ? h('li', { className: 'hint' }, `Nothing matches “${query}”.`)
          : search.map((hit) =>
              h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    className: 'hit',
                    dataset: { id: hit.entity.id },
                    onClick: () => onPick(hit.entity),
                  },
                  hitLabel(hit),
                ),
              ),
            ),
      );
      list.hidden = false;
      resetRovingFocus(list);
      onStatus(search.length === 0 ? `No results for “${query}”.` : `${search.length} results for “${query}”.`);
    } catch (error) {
      onStatus(`Search failed: ${error.message}`);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  return { run, clear: () => fill(list) };
}
