// SurveyJS anchor for make bench (tests/bench/load.mjs, case (d)): the widget's SIPAS survey, read
// the way the widget reads it, rendered by SurveyJS. Served at /v1/surveyjs/ beside the widget.
//
// As the widget does (src/api.rs, newest_definition): data/surveys/index.json lists the definitions
// newest first; the first of kind "sipas" is fetched from data/surveys/<key>.json (relative to the
// widget root /v1/). Converted to a SurveyJS JSON in Vietnamese: one page per SIPAS element with a
// 1–5 rating per criterion labelled with the scale, then the overall rating and the optional comment.
// One frame after the first question is rendered and laid out, window.__ready is set (as the widget
// sets it one frame after its first view is interactive).
'use strict';

const DATA = new URL('../data/surveys/', document.baseURI);

async function getJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/** The seeds' SIPAS definition as a SurveyJS survey JSON (Vietnamese texts only). */
function toSurveyJs(def) {
  const rateValues = def.scale.points.map((p) => ({ value: p.value, text: p.label.vi }));
  // displayMode 'dropdown' is what SurveyJS's default ('auto') settles on at 360 px with these labels,
  // rendered at once: 'auto' first draws buttons, measures them and redraws a dropdown a frame later.
  const rating = (name, text, required) =>
    ({ type: 'rating', name, title: text.vi, rateValues, displayMode: 'dropdown', isRequired: required });
  return {
    locale: 'vi',
    title: def.title.vi,
    description: def.intro.vi,
    pages: [
      ...def.elements.map((e) => ({
        name: e.id,
        title: e.title.vi,
        // "Không áp dụng" (criterion.na) has no SurveyJS rating counterpart: the criteria stay optional.
        elements: e.criteria.map((c) => rating(c.id, c.text, false)),
      })),
      {
        name: 'overall',
        elements: [
          rating('overall', def.overall.text, def.overall.required),
          { type: 'comment', name: 'comment', title: def.comment.label.vi, maxLength: def.comment.max_chars },
        ],
      },
    ],
  };
}

async function main() {
  const list = await getJson(new URL('index.json', DATA));
  const listed = list.find((l) => l.kind === 'sipas');
  if (!listed) throw new Error('data/surveys/index.json: no sipas survey');
  const def = await getJson(new URL(`${listed.key}.json`, DATA));
  const survey = new Survey.Model(toSurveyJs(def));
  const first = def.elements[0].criteria[0].id;
  survey.onAfterRenderQuestion.add((_, { question, htmlElement }) => {
    // Usable: the question's choices are in the document and laid out.
    const input = htmlElement.querySelector('input, select, button, [role="combobox"], [role="radio"]');
    if (question.name !== first || window.__ready || !input || input.getClientRects().length === 0) return;
    requestAnimationFrame(() => { window.__ready = performance.now(); });
  });
  survey.render(document.getElementById('survey'));
}

main().catch((e) => {
  // Shown in the console (load.mjs then times out waiting for __ready).
  console.error('surveyjs anchor:', e);
});
