// Embeds the regular shopper's session, starts Patron, and offers the tests the route change.
const response = await fetch("../sessions/regular.json");
document.getElementById("patron-session").textContent = await response.text();
const patron = await import("/pkg/patron.js");
window.__patron = patron;

// The single-page app navigates to a product page: a carousel appears.
window.__addCarousel = () => {
  const carousel = document.createElement("patron-widget");
  carousel.setAttribute("placement", "recommendations");
  carousel.setAttribute("model-src", "../catalogue/model.ptrm");
  carousel.setAttribute("config-src", "../configs/consumer.json");
  document.body.append(carousel);
};

// The app goes to the account page: a rewards panel appears.
window.__addRewards = () => {
  const panel = document.createElement("patron-widget");
  panel.setAttribute("placement", "rewards");
  panel.setAttribute("config-src", "../configs/consumer.json");
  document.body.append(panel);
};

// Counts every change to the card's and the banner's shadow roots from now on: a widget that is
// rendered again, or by a second module, changes its tree.
window.__watch = () => {
  window.__changes = 0;
  const observer = new MutationObserver((records) => { window.__changes += records.length; });
  for (const host of document.querySelectorAll("patron-widget:not([placement=recommendations]):not([placement=rewards])")) {
    observer.observe(host.shadowRoot, { childList: true, subtree: true, attributes: true, characterData: true });
  }
};
