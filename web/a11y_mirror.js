// The hidden accessible mirror of the canvas (ImGui has no screen-reader support: ocornut/imgui
// #4122, #7131). Built from the same widget registry as window.profila.items(): every button,
// field, heading, paragraph and status message of the current screen becomes a real, visually
// hidden HTML element that a screen reader can read and activate. Activating a mirrored control
// clicks the widget's centre through ImGui's ordinary mouse input (Module._profila_click_at), so
// it does exactly what a tap would. Status messages go to a polite live region.
'use strict';
(function () {
  const root = document.getElementById('a11y-mirror');
  const agent = document.getElementById('text-agent');
  if (!root) return;
  const main = document.createElement('main');
  const nav = document.createElement('nav');
  const live = document.createElement('div');
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  root.append(nav, main, live);

  let signature = '';
  let current = [];          // mirrored items, index-aligned with their elements
  let elements = [];
  let lastInputLabel = '';

  function mod() { return window.Module; }
  function clickAt(item) {
    if (mod() && mod()._profila_click_at) mod()._profila_click_at(item.x + item.w / 2, item.y + item.h / 2);
  }
  function identity(item) { return item.role + '|' + (item.key || item.label); }

  function elementFor(item, index, firstHeading) {
    let el;
    const activate = () => clickAt(current[index] || item);
    switch (item.role) {
      case 'heading':
        el = document.createElement(firstHeading ? 'h1' : 'h2');
        el.textContent = item.label;
        break;
      case 'text':
        el = document.createElement('p');
        el.textContent = item.label;
        break;
      case 'input':
        el = document.createElement('input');
        el.type = 'text';
        el.setAttribute('aria-label', item.label);
        // Focusing the mirrored field activates the real one; the text agent then takes focus
        // (and speaks with this label) and typing goes where typing always goes.
        el.addEventListener('focus', () => { lastInputLabel = item.label; activate(); });
        break;
      default: {
        el = document.createElement('button');
        el.type = 'button';
        el.textContent = item.label;
        if (item.role === 'checkbox') {
          el.setAttribute('role', 'checkbox');
          el.setAttribute('aria-checked', item.checked ? 'true' : 'false');
        } else if (item.role === 'tab') {
          el.setAttribute('role', 'tab');
          el.setAttribute('aria-selected', item.checked ? 'true' : 'false');
        }
        el.addEventListener('click', activate);
      }
    }
    if (item.key) el.dataset.key = item.key;
    el.dataset.identity = identity(item);
    return el;
  }

  function rebuild(items) {
    const focused = root.contains(document.activeElement) ? document.activeElement.dataset.identity : null;
    const mirrored = items.filter((i) => i.role !== 'status');
    nav.replaceChildren();
    main.replaceChildren();
    let firstHeading = true;
    elements = mirrored.map((item, index) => {
      const el = elementFor(item, index, item.role === 'heading' && firstHeading);
      if (item.role === 'heading') firstHeading = false;
      (item.key && item.key.startsWith('nav.') ? nav : main).appendChild(el);
      return el;
    });
    current = mirrored;
    const status = items.filter((i) => i.role === 'status').map((i) => i.label).join('\n');
    if (live.textContent !== status) live.textContent = status;
    if (focused) {
      const again = elements.find((el) => el.dataset.identity === focused);
      if (again) again.focus({ preventScroll: true });
    }
  }

  function refresh() {
    if (!window.profila || !window.profila.ready) return;
    let items;
    try { items = window.profila.items(); } catch (e) { return; }
    const sig = JSON.stringify(items.map((i) => [i.role, i.label, i.key, i.checked]));
    if (sig === signature) {
      // Same widgets, maybe scrolled: keep the click positions current.
      current = items.filter((i) => i.role !== 'status');
      return;
    }
    signature = sig;
    rebuild(items);
  }

  // Checked every few frames: cheap when nothing changed (one string compare).
  window.profilaShell.onFrame((frame) => { if (frame % 5 === 0) refresh(); });

  // While a mirrored element has focus, keys belong to it (Enter and Space activate the button),
  // not to ImGui's keyboard navigation.
  root.addEventListener('focusin', () => { if (mod() && mod()._profila_keys_to_page) mod()._profila_keys_to_page(1); });
  root.addEventListener('focusout', (e) => {
    if (!root.contains(e.relatedTarget) && mod() && mod()._profila_keys_to_page) mod()._profila_keys_to_page(0);
  });
  // The text agent speaks as the field it types into while it has focus.
  agent.addEventListener('focus', () => {
    let label = lastInputLabel;
    if (!label && window.profila && window.profila.ready) {
      // The agent sits at the caret: the field there is the one being edited.
      const r = agent.getBoundingClientRect();
      const field = window.profila.items().find((i) => i.role === 'input' && r.left >= i.x - 2 && r.left <= i.x + i.w + 2 &&
                                                       r.top >= i.y - 2 && r.top <= i.y + i.h + 2);
      if (field) label = field.label;
    }
    agent.removeAttribute('aria-hidden');
    if (label) agent.setAttribute('aria-label', label);
  });
  agent.addEventListener('blur', () => { agent.setAttribute('aria-hidden', 'true'); lastInputLabel = ''; });
})();
