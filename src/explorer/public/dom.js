/**
 * DOM building
 *
 * Every piece of the page is built with `h`, which sets text as text: names and statements from
 * the graph never pass through innerHTML, so no data can inject markup.
 */

/**
 * Creates an element. Attributes starting with "on" become listeners, `dataset` sets data-*
 * attributes, `false`/`null`/`undefined` attributes are left out; children may be strings,
 * nodes, or (nested) arrays of them.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'className') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(
    ...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false),
  );
  return element;
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren(
    ...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false),
  );
}

/**
 * A list of buttons as one tab stop: Tab enters and leaves the list in one keystroke (a
 * relation list can hold a hundred and more buttons), arrow keys, Home and End move between its
 * buttons, Enter or Space activates one. Call `resetRovingFocus` after refilling the list.
 */
export function rovingFocus(list) {
  list.addEventListener('keydown', (event) => {
    const buttons = [...list.querySelectorAll('button')];
    const index = buttons.indexOf(document.activeElement);
    if (index === -1) return;
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, next))].focus();
  });
  list.addEventListener('focusin', (event) => {
    if (!(event.target instanceof HTMLButtonElement)) return;
    for (const button of list.querySelectorAll('button')) button.tabIndex = button === event.target ? 0 : -1;
  });
}

export function resetRovingFocus(list) {
  list.querySelectorAll('button').forEach((button, index) => (button.tabIndex = index === 0 ? 0 : -1));
}
