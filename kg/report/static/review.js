/* evidence-kg dossier, served by `kg serve --review`: review actions.  Each claim gets
   buttons to accept or reject it and fields to correct its source or kind; a page with an
   article's text adds a claim on the words selected in it.  Decisions are posted to the
   server that served the page (POST /review, with its token) and the page is read again. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="kg-review-token"]');
  if (!meta) { return; }
  var token = meta.getAttribute("content");

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }

  var bar = el("div", {"class": "review-bar", "id": "kg-review-bar"});
  var who = el("input", {"id": "kg-reviewer", "placeholder": "your name", "size": "16"});
  try { who.value = window.localStorage.getItem("kg-reviewer") || ""; } catch (e) { /* none */ }
  who.addEventListener("change", function () {
    try { window.localStorage.setItem("kg-reviewer", who.value); } catch (e) { /* none */ }
  });
  var said = el("span", {"id": "kg-review-status", "role": "status"});
  bar.appendChild(el("label", {"for": "kg-reviewer"}, "Reviewer "));
  bar.appendChild(who);
  document.body.insertBefore(bar, document.body.firstChild);

  function post(data, status) {
    data.by = who.value.trim();
    status.textContent = "saving…";
    fetch("/review", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-KG-Review-Token": token},
      body: JSON.stringify(data)
    }).then(function (r) {
      return r.json().then(function (j) { return {ok: r.ok, body: j}; });
    }).then(function (res) {
      if (res.ok) {
        status.textContent = "saved: " + res.body.text;
        status.setAttribute("data-saved", res.body.decision);
        window.setTimeout(function () { window.location.reload(); }, 200);
      } else {
        status.textContent = res.body.error;
        status.setAttribute("data-error", "1");
      }
    }).catch(function (err) { status.textContent = String(err); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("article.claim[data-iri]"),
    function (claim) {
      var tools = el("div", {"class": "review-tools"});
      var reason = el("input", {"class": "review-reason", "placeholder": "reason"});
      var source = el("input", {"class": "review-source", "placeholder": "new source"});
      var kind = el("select", {"class": "review-kind"});
      [["", "kind"], ["allegation", "allegation"], ["denial", "denial"]].forEach(function (o) {
        kind.appendChild(el("option", {"value": o[0]}, o[1]));
      });
      var status = el("span", {"class": "review-status", "role": "status"});
      function button(action, label) {
        var b = el("button", {"type": "button", "data-action": action}, label);
        b.addEventListener("click", function () {
          var data = {action: action, item: claim.getAttribute("data-iri"),
                      reason: reason.value};
          if (action === "correct") {
            if (source.value.trim()) { data.source = source.value.trim(); }
            if (kind.value) { data.kind = kind.value; }
          }
          post(data, status);
        });
        return b;
      }
      [button("accept", "Accept"), button("reject", "Reject"), reason, source, kind,
       button("correct", "Correct"), status].forEach(function (x) { tools.appendChild(x); });
      claim.appendChild(tools);
    });

  /* Adding a claim: the selected words of an article's text (its page) or of a paragraph
     of it (an incident's page). */
  var TEXTS = "p.para[data-article], div.article-text[data-article]";
  if (!document.querySelector(TEXTS)) { return; }
  var addKind = el("select", {"id": "kg-add-kind"});
  ["denial", "allegation"].forEach(function (k) { addKind.appendChild(el("option", {"value": k}, k)); });
  var addSource = el("input", {"id": "kg-add-source", "placeholder": "source of the claim"});
  var addButton = el("button", {"type": "button", "id": "kg-add"}, "Add claim from selected words");
  [addKind, addSource, addButton, said].forEach(function (x) { bar.appendChild(x); });

  function codePoints(s) { return Array.from(s).length; }

  /* the last words selected in the text: typing in a field or pressing the button moves
     the selection away from them */
  var chosen = null;
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (sel && sel.rangeCount > 0 && !sel.isCollapsed) {
      var r = sel.getRangeAt(0);
      var node = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentNode;
      if (node.closest(TEXTS)) { chosen = r.cloneRange(); }
    }
  });

  addButton.addEventListener("click", function () {
    if (!chosen) {
      said.textContent = "select the words of the claim in the article first";
      return;
    }
    var range = chosen;
    var start = range.startContainer.nodeType === 1 ? range.startContainer
      : range.startContainer.parentNode;
    var para = start.closest(TEXTS);
    if (!para || !para.contains(range.endContainer)) {
      said.textContent = "select words within the article's text";
      return;
    }
    var before = document.createRange();
    before.setStart(para, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var words = range.toString();
    var offset = Number(para.getAttribute("data-offset") || 0) + codePoints(before.toString());
    var article = para.getAttribute("data-article").split("/").pop();
    post({action: "add", article: article, start: offset, end: offset + codePoints(words),
          quote: words, item_kind: "claim", kind: addKind.value,
          source: addSource.value.trim()}, said);
  });
}());
