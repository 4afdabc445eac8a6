/* Self-check quiz: upgrades the questions rendered at build time (macros/quiz/render.py).
   No dependencies, no network, no eval. Answers are kept in localStorage under a hash of each
   question's content, so a changed question forgets its saved answer. The quiz page's list of topics
   reads those answers back to show what was answered, per topic and in all. */
(() => {
  "use strict";
  const PREFIX = "cbp-quiz:";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => values[k]);
  const make = (tag, cls, text) => {
    const e = document.createElement(tag);
    e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };

  let store = null;
  try {
    store = window.localStorage;
    store.getItem(PREFIX);
  } catch (e) {
    store = null;
  }
  const save = (key, value) => {
    try {
      if (value) store.setItem(PREFIX + key, JSON.stringify(value));
      else store.removeItem(PREFIX + key);
    } catch (e) { /* storage full or blocked: the quiz still works */ }
  };
  const saved = (key) => {
    try {
      const value = JSON.parse(store.getItem(PREFIX + key));
      return Array.isArray(value) ? value : null;
    } catch (e) {
      return null;
    }
  };

  // Shuffle options in place, leaving pinned ones where they are.
  const shuffle = (box) => {
    const slots = $$(".quiz-opt", box);
    const free = slots.filter((o) => !o.hasAttribute("data-pin"));
    for (let i = free.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [free[i], free[j]] = [free[j], free[i]];
    }
    let k = 0;
    slots.forEach((o) => box.appendChild(o.hasAttribute("data-pin") ? o : free[k++]));
  };

  const question = (form, S, changed) => {
    const key = form.dataset.quizKey;
    const answer = form.dataset.quizAnswer.split(" ");
    const fieldset = $("fieldset", form);
    const verdict = $(".quiz-verdict", form); // live region: the verdict alone
    const result = $(".quiz-result", form);
    const details = $(".quiz-answer", form);
    const body = $(".quiz-answer-body", form);
    const check = $(".quiz-check", form);
    const retry = $(".quiz-retry", form);
    const inputs = $$("input", form);
    const texts = {};
    inputs.forEach((input) => { texts[input.value] = input.nextElementSibling.textContent; });
    let state = null; // null: not checked; true or false: checked, right or not

    const say = (cls, text, icon) => {
      verdict.textContent = "";
      verdict.className = "quiz-verdict " + cls;
      if (icon) {
        const mark = make("span", "quiz-icon", icon);
        mark.setAttribute("aria-hidden", "true");
        verdict.append(mark, " ");
      }
      verdict.append(text);
    };

    const show = (values) => {
      const ok = values.length === answer.length && answer.every((v) => values.includes(v));
      const missed = answer.filter((v) => !values.includes(v));
      const partly = !ok && form.dataset.quizType === "multiple" && missed.length < answer.length;
      state = ok;
      say("quiz-verdict--" + (ok ? "ok" : partly ? "part" : "no"), ok ? S.correct : partly ? S.partly : S.not_quite,
        ok ? "\u2713" : partly ? "\u25d1" : "\u2717");
      result.textContent = "";
      const wrong = values.filter((v) => !answer.includes(v));
      if (partly && wrong.length) {
        result.append(make("p", "quiz-wrong", fill(S.wrong_chosen, { answers: wrong.map((v) => texts[v]).join("; ") })));
      }
      if (partly && missed.length) {
        result.append(make("p", "quiz-missed", fill(S.missed, { answers: missed.map((v) => texts[v]).join("; ") })));
      }
      $$("input", form).forEach((input) => { // in the order the options are shown (shuffled), each named
        const feedback = input.checked && $('[data-option="' + input.value + '"] .quiz-fb', form);
        if (!feedback) return;
        const line = make("p", "quiz-feedback");
        line.append(make("strong", "", texts[input.value]), ": " + feedback.textContent);
        result.append(line);
      });
      result.append(body);
      inputs.forEach((input) => {
        const tags = [];
        if (input.checked) tags.push(S.your_answer);
        if (answer.includes(input.value)) tags.push(S.correct_answer);
        else if (input.checked) tags.push(S.not_right);
        if (tags.length) input.nextElementSibling.append(make("span", "quiz-tag", tags.join(" \u00b7 ")));
      });
      fieldset.disabled = true;
      check.hidden = true;
      retry.hidden = false;
      retry.classList.toggle("md-button--primary", !ok); // after a right answer, not the main button
      save(key, values);
    };

    const reset = () => {
      state = null;
      inputs.forEach((input) => { input.checked = false; });
      $$(".quiz-tag", form).forEach((tag) => tag.remove());
      details.insertBefore(body, $(".quiz-about", form));
      verdict.textContent = "";
      verdict.className = "quiz-verdict";
      result.textContent = "";
      fieldset.disabled = false;
      check.hidden = false;
      retry.hidden = true;
      save(key, null);
    };

    shuffle($(".quiz-options", form));
    $(".quiz-actions", form).hidden = false;
    check.disabled = false; // disabled in the HTML: no-JS Enter submits nothing
    details.hidden = true;

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (state !== null) return;
      const values = inputs.filter((input) => input.checked).map((input) => input.value);
      if (!values.length) {
        result.textContent = "";
        say("quiz-error", S.choose_first);
        return;
      }
      show(values);
      retry.focus();
      changed();
    });
    retry.addEventListener("click", () => {
      reset();
      changed();
      inputs[0].focus();
    });

    const before = store && saved(key);
    if (before && before.length && before.every((v) => inputs.some((input) => input.value === v))) {
      inputs.forEach((input) => { input.checked = before.includes(input.value); });
      show(before);
    }
    return { reset, state: () => state, first: () => inputs[0] };
  };

  const tally = (text, questions) => {
    const done = questions.filter((q) => q.state() !== null);
    return fill(text, { answered: done.length, total: questions.length, correct: done.filter((q) => q.state()).length });
  };

  const bank = (section, S, changed) => {
    const score = $(".quiz-score", section);
    const again = $(".quiz-missed-again", section);
    const update = () => {
      score.textContent = questions.some((q) => q.state() !== null) ? tally(S.score, questions) : "";
      again.hidden = !questions.some((q) => q.state() === false);
      changed();
    };
    const questions = $$("form.quiz-q", section).map((form) => question(form, S, update));
    const reset = () => {
      questions.forEach((q) => q.reset());
      update();
    };
    $(".quiz-bank-actions", section).hidden = false;
    $(".quiz-restart", section).addEventListener("click", () => {
      reset();
      questions[0].first().focus();
    });
    again.addEventListener("click", () => {
      const missed = questions.filter((q) => q.state() === false);
      missed.forEach((q) => q.reset());
      update();
      if (missed.length) missed[0].first().focus();
    });
    update();
    return { reset, questions };
  };

  const start = () => {
    const first = $("[data-quiz-strings]");
    if (!first) return;
    const S = JSON.parse(first.dataset.quizStrings);
    const progress = $(".quiz-progress");
    const all = [];
    const changed = () => { if (progress) progress.textContent = tally(S.progress, all); };
    const banks = $$("section.quiz").map((section) => bank(section, S, changed));
    banks.forEach((b) => all.push(...b.questions));
    // The quiz page's list: each topic's questions as "key:right answers", their state read from storage.
    const topics = $$(".quiz-index [data-quiz-answers]").map((item) => {
      const questions = item.dataset.quizAnswers.split(" ").map((pair) => {
        const [key, answer] = pair.split(":");
        const right = answer.split(",");
        const state = () => {
          const values = saved(key);
          return values && values.length ? values.length === right.length && right.every((v) => values.includes(v)) : null;
        };
        return { state };
      });
      all.push(...questions);
      const score = $(".quiz-topic-score", item);
      return () => { score.textContent = questions.some((q) => q.state() !== null) ? tally(S.score, questions) : ""; };
    });
    const refresh = () => {
      topics.forEach((update) => update());
      changed();
    };
    refresh();
    window.addEventListener("pageshow", refresh); // back from a topic page: the back/forward cache kept the old counts
    $$(".quiz-storage").forEach((box) => {
      if (!store) return; // nothing is kept, so there is nothing to clear
      box.hidden = false;
      $(".quiz-clear", box).addEventListener("click", () => {
        for (let i = store.length - 1; i >= 0; i--) {
          const k = store.key(i);
          if (k && k.startsWith(PREFIX)) store.removeItem(k);
        }
        banks.forEach((b) => b.reset());
        refresh();
        $(".quiz-cleared", box).textContent = S.cleared;
      });
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
