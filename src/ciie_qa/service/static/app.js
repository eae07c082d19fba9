// The chat page: every piece of article or answer text is inserted with textContent, never as HTML.
"use strict";

(() => {
  const MAX_HISTORY = 20; // the service's default max_history
  const CONTEXT_CHARS = 600; // document text shown either side of a cited passage

  const state = { history: [], documents: new Map(), texts: new Map(), busy: false };
  const $ = (id) => document.getElementById(id);

  const TEXT = {
    en: {
      abstainTitle: "The articles do not say.",
      abstainBody: "None of the indexed articles answers this question. Try other words, or ask about something the articles cover.",
      understood: "Understood as: ",
      sources: "Sources",
      confidence: "confidence",
      network: "Could not reach the service. Check that it is running, then try again.",
      failed: "The service could not answer",
      thinking: "Searching the articles…",
    },
    zh: {
      abstainTitle: "文章中没有相关信息。",
      abstainBody: "已收录的文章都没有回答这个问题。可以换个说法，或询问文章涉及的内容。",
      understood: "理解为：",
      sources: "来源",
      confidence: "置信度",
      network: "无法连接到服务。请确认服务正在运行，然后重试。",
      failed: "服务无法回答",
      thinking: "正在检索文章…",
    },
  };

  /** "zh" when at least a fifth of the letters are CJK ideographs, as the service decides. */
  function languageOf(text) {
    const letters = text.match(/[\p{L}\p{N}]/gu) || [];
    const cjk = text.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g) || [];
    return letters.length && cjk.length / letters.length >= 0.2 ? "zh" : "en";
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /** Text with [start, end) wrapped in <mark>, built from text nodes only. */
  function highlighted(text, start, end, markClass) {
    const fragment = document.createDocumentFragment();
    if (start < 0 || end > text.length || start >= end) {
      fragment.append(document.createTextNode(text));
      return fragment;
    }
    const mark = el("mark", markClass, text.slice(start, end));
    fragment.append(document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end)));
    return fragment;
  }

  function scrollToEnd() {
    const pane = document.querySelector(".conversation");
    pane.scrollTo({ top: pane.scrollHeight, behavior: "smooth" });
  }

  function addMessage(node) {
    $("welcome").hidden = true;
    $("messages").append(node);
    scrollToEnd();
    return node;
  }

  function addUserMessage(question) {
    const item = el("li", "message message-user");
    item.append(el("div", "bubble", question));
    return addMessage(item);
  }

  /** Where the answer sits inside the sentence: from the citation offsets, else by search. */
  function answerOffset(reply) {
    const span = reply.answer_span;
    if (span) {
      for (const c of reply.citations) {
        const offset = span.start - c.start;
        if (c.doc_id === span.doc_id && c.text === reply.sentence && offset >= 0 &&
            reply.sentence.slice(offset, offset + reply.answer.length) === reply.answer) {
          return offset;
        }
      }
    }
    return reply.sentence.indexOf(reply.answer);
  }

  function citationChip(citation, number, answerSpan) {
    const doc = state.documents.get(citation.doc_id);
    const chip = el("button", "chip");
    chip.type = "button";
    chip.append(el("span", "chip-number", String(number)), el("span", "chip-title", citation.title));
    if (doc && doc.date) chip.append(el("span", "chip-date", doc.date.slice(0, 10)));
    chip.title = citation.text;
    chip.addEventListener("click", () => openSource(citation, answerSpan));
    return chip;
  }

  function renderAnswer(card, reply, t) {
    card.append(el("p", "answer", reply.answer));
    if (reply.sentence) {
      const quote = el("blockquote", "sentence");
      const offset = answerOffset(reply);
      quote.append(highlighted(reply.sentence, offset, offset + reply.answer.length, "answer-mark"));
      card.append(quote);
    }
    if (reply.citations.length) {
      const sources = el("div", "sources");
      sources.append(el("span", "sources-label", t.sources));
      reply.citations.forEach((c, i) => sources.append(citationChip(c, i + 1, reply.answer_span)));
      card.append(sources);
    }
    const parts = [`${t.confidence} ${Math.round(reply.confidence * 100)}%`];
    const ms = reply.timings_ms && reply.timings_ms.total;
    if (ms) parts.push(`${Math.round(ms)} ms`);
    card.append(el("p", "meta", parts.join(" · ")));
  }

  function renderReply(item, reply) {
    const t = TEXT[languageOf(reply.question)];
    const card = el("div", "card");
    if (reply.resolved_question && reply.resolved_question !== reply.question) {
      const resolved = el("p", "resolved", t.understood);
      resolved.append(el("q", null, reply.resolved_question));
      card.append(resolved);
    }
    if (reply.abstained || reply.answer === null) {
      card.classList.add("card-abstain");
      card.append(el("p", "abstain-title", t.abstainTitle), el("p", "abstain-body", t.abstainBody));
    } else {
      renderAnswer(card, reply, t);
    }
    item.replaceChildren(card);
  }

  function renderError(item, message) {
    const card = el("div", "card card-error");
    card.setAttribute("role", "alert");
    card.append(el("p", "error-text", message));
    item.replaceChildren(card);
  }

  function errorMessage(status, body, t) {
    const detail = body && body.error && body.error.message;
    if (status >= 400 && status < 500 && detail) return detail;
    return `${t.failed} (HTTP ${status})${detail ? `: ${detail}` : "."}`;
  }

  async function ask(question) {
    const t = TEXT[languageOf(question)];
    addUserMessage(question);
    const item = addMessage(el("li", "message message-bot"));
    item.append(el("div", "card card-pending", t.thinking));
    const history = state.history.slice(-MAX_HISTORY);
    let response;
    try {
      response = await fetch("/v1/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ question, history }),
      });
    } catch (_) {
      renderError(item, t.network);
      return;
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || !body) {
      renderError(item, errorMessage(response.status, body, t));
    } else {
      state.history.push(question);
      renderReply(item, body);
    }
    scrollToEnd();
  }

  async function documentText(docId) {
    if (!state.texts.has(docId)) {
      const response = await fetch(`/v1/documents/${encodeURIComponent(docId)}`);
      const body = await response.json().catch(() => null);
      if (!response.ok || !body) throw new Error(errorMessage(response.status, body, TEXT.en));
      state.texts.set(docId, body);
    }
    return state.texts.get(docId);
  }

  /** The document around the passage: passage marked, the answer inside it marked strongly. */
  function passageView(text, citation, answerSpan) {
    const from = Math.max(0, citation.start - CONTEXT_CHARS);
    const to = Math.min(text.length, citation.end + CONTEXT_CHARS);
    const view = el("div", "source-text");
    if (from > 0) view.append(el("span", "ellipsis", "… "));
    view.append(document.createTextNode(text.slice(from, citation.start)));
    const passage = el("mark", "passage-mark");
    const inside = answerSpan && answerSpan.doc_id === citation.doc_id &&
      answerSpan.start >= citation.start && answerSpan.end <= citation.end;
    const passageText = text.slice(citation.start, citation.end);
    if (inside) {
      passage.append(highlighted(passageText, answerSpan.start - citation.start, answerSpan.end - citation.start, "answer-mark"));
    } else {
      passage.textContent = passageText;
    }
    view.append(passage, document.createTextNode(text.slice(citation.end, to)));
    if (to < text.length) view.append(el("span", "ellipsis", " …"));
    return view;
  }

  async function openSource(citation, answerSpan) {
    const dialog = $("source-dialog");
    $("source-title").textContent = citation.title;
    $("source-meta").textContent = "";
    $("source-body").replaceChildren(el("p", "muted", "…"));
    if (!dialog.open) dialog.showModal();
    try {
      const doc = await documentText(citation.doc_id);
      const where = `characters ${citation.start}–${citation.end}`;
      $("source-meta").textContent = [doc.date, doc.source, where].filter(Boolean).join(" · ");
      $("source-body").replaceChildren(passageView(doc.text, citation, answerSpan));
      const mark = $("source-body").querySelector(".passage-mark");
      if (mark) mark.scrollIntoView({ block: "center" });
    } catch (error) {
      $("source-body").replaceChildren(el("p", "error-text", error.message || TEXT.en.network));
    }
  }

  function setStatus(kind, text) {
    const status = $("status");
    status.className = `status status-${kind}`;
    status.textContent = text;
  }

  async function loadDocuments() {
    const response = await fetch("/v1/documents");
    if (!response.ok) return;
    const body = await response.json();
    for (const doc of body.documents) state.documents.set(doc.id, doc);
    const n = body.documents.length;
    $("corpus-size").textContent = `${n} article${n === 1 ? "" : "s"} indexed.`;
  }

  /** Poll /readyz until the engine is loaded, then fetch the document list. */
  async function watchReadiness() {
    for (;;) {
      try {
        const response = await fetch("/readyz");
        const body = await response.json().catch(() => ({}));
        if (response.ok) {
          await loadDocuments();
          setStatus("ready", "Ready");
          return;
        }
        if (body.status === "failed") {
          setStatus("failed", "Unavailable");
          $("status").title = body.error || "";
          return;
        }
        setStatus("loading", "Loading the index…");
      } catch (_) {
        setStatus("failed", "Offline");
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  function resizeInput() {
    const input = $("question");
    input.rows = Math.min(6, Math.max(1, input.value.split("\n").length));
  }

  async function submit(event) {
    event.preventDefault();
    const input = $("question");
    const question = input.value.trim();
    if (!question || state.busy) return;
    state.busy = true;
    $("send").disabled = true;
    input.value = "";
    resizeInput();
    try {
      await ask(question);
    } finally {
      state.busy = false;
      $("send").disabled = false;
      input.focus();
    }
  }

  function newChat() {
    state.history = [];
    $("messages").replaceChildren();
    $("welcome").hidden = false;
    $("question").focus();
  }

  function start() {
    $("composer").addEventListener("submit", submit);
    $("question").addEventListener("input", resizeInput);
    $("question").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $("composer").requestSubmit();
      }
    });
    $("new-chat").addEventListener("click", newChat);
    $("source-close").addEventListener("click", () => $("source-dialog").close());
    $("source-dialog").addEventListener("click", (event) => {
      if (event.target === $("source-dialog")) $("source-dialog").close(); // backdrop click
    });
    watchReadiness();
    $("question").focus();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
