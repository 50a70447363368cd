// window.profila: the app's small, documented automation surface (see README, "Automation").
// Every function runs the same code as the UI; tests use it to find widgets and to set up and
// read back data, while the flows a person does are driven with real clicks, touches and keys.
'use strict';
window.profila = {
  ready: false,        // true once the first frame is drawn
  frame: 0,            // frames rendered so far
  firstFrameMs: null,  // ms from navigation to the first frame
  // Widgets drawn in the last frame: [{id, label, key, role, checked, x, y, w, h}], CSS pixels,
  // clipped to what is visible. label is what a person reads, key the "##" part of the ImGui id.
  items() {
    return JSON.parse(window.Module.UTF8ToString(window.Module._profila_items_json()));
  },
};
