// Builds the layout the query asks for around one widget, embeds the regular shopper's session and
// starts Patron; window.__emptyBlock() puts an empty block where the widget was, for comparison.
const query = new URLSearchParams(location.search);
const layout = query.get("layout") ?? "grid";
const kind = query.get("widget") ?? "card";

const widget = document.createElement("patron-widget");
widget.id = "widget";
widget.setAttribute("config-src", "../configs/consumer.json");
if (kind === "banners") widget.setAttribute("placement", "top");
if (kind === "rewards") widget.setAttribute("placement", "rewards");
if (kind === "carousel") {
  widget.setAttribute("placement", "recommendations");
  widget.setAttribute("model-src", "../catalogue/model.ptrm");
}

const element = (tag, className, ...children) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
};
const main = () => element("div", "main", element("h1", "", "Kaffee & Tee"), widget);
const side = () => element("div", "side", "Seitenleiste");
const page = document.getElementById("page");
if (layout === "grid" || layout === "flex") {
  page.append(element("div", layout, main(), side()));
} else if (layout === "table") {
  const row = element("tr", "", element("td", "main", widget), element("td", "side", "Seitenleiste"));
  page.append(element("table", "table", element("tbody", "", row)));
} else {
  page.append(element("div", layout, widget));
}

window.__emptyBlock = () => widget.replaceWith(document.createElement("div"));

const response = await fetch("../sessions/regular.json");
document.getElementById("patron-session").textContent = await response.text();
await import("/pkg/patron.js");
