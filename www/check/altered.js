// Embeds the regular shopper's session, adds the carousel when the address ends in #recs, then
// starts Patron. XMLHttpRequest and await only: the tests may have broken fetch or then().
const session = new XMLHttpRequest();
session.open("GET", "../sessions/regular.json");
await new Promise((resolve) => {
  session.onloadend = resolve;
  session.send();
});
document.getElementById("patron-session").textContent = session.responseText;
if (location.hash === "#recs") {
  const carousel = document.createElement("patron-widget");
  carousel.setAttribute("placement", "recommendations");
  carousel.setAttribute("model-src", "../catalogue/model.ptrm");
  carousel.setAttribute("config-src", "../configs/consumer.json");
  document.body.append(carousel);
}
// The tests call the API as an application would.
window.__patron = await import("/pkg/patron.js");
