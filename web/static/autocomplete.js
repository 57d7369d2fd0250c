// Suggestions under the search box while typing: words of the archive and titles of documents.
// Progressive enhancement: without this script the form works the same. ARIA 1.2 combobox with a listbox.
(function () {
  "use strict";
  var input = document.getElementById("q");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("ul");
  list.id = "q-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggesties");
  list.hidden = true;
  input.parentNode.insertBefore(list, input.nextSibling);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  var active = -1, timer = null, latest = 0;

  function close() {
    list.hidden = true;
    list.textContent = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function option(text, href, index) {
    var li = document.createElement("li");
    li.id = "q-suggestion-" + index;
    li.setAttribute("role", "option");
    li.textContent = text;  // text only: nothing from the server becomes HTML
    li.addEventListener("mousedown", function (event) {
      event.preventDefault();
      choose(li, href);
    });
    li.dataset.href = href || "";
    return li;
  }

  function choose(li, href) {
    if (href) { window.location.href = href; return; }
    input.value = li.textContent;
    close();
    input.form.submit();
  }

  function show(data) {
    close();
    var items = [];
    data.completions.forEach(function (c) { items.push(option(c, null, items.length)); });
    data.titles.forEach(function (t) { items.push(option(t.title, t.url, items.length)); });
    if (!items.length) { return; }
    items.forEach(function (li) { list.appendChild(li); });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function move(step) {
    var items = list.querySelectorAll("[role=option]");
    if (!items.length) { return; }
    if (active >= 0) { items[active].removeAttribute("aria-selected"); }
    active = (active + step + items.length) % items.length;
    items[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value;
    if (q.trim().length < 2) { close(); return; }
    timer = setTimeout(function () {
      var ticket = ++latest;
      fetch("/api/v1/suggest?q=" + encodeURIComponent(q), { credentials: "omit" })
        .then(function (r) { return r.ok ? r.json() : { completions: [], titles: [] }; })
        .then(function (data) { if (ticket === latest) { show(data); } })
        .catch(close);
    }, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      var li = list.querySelectorAll("[role=option]")[active];
      choose(li, li.dataset.href);
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
}());
