// The workshop pages: small, dependency-free. Everything a person typed is put on the page
// with textContent, never as HTML, so a proposal cannot inject markup or script.
"use strict";

const page = document.body.dataset.page;
const workshopId = document.body.dataset.workshop;

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

async function call(method, path, token, body) {
  const headers = {"content-type": "application/json"};
  if (token) headers["X-Workshop-Token"] = token;
  const response = await fetch(path, {method, headers, body: body ? JSON.stringify(body) : undefined});
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!response.ok) {
    const message = (data && data.error && data.error.message) || response.statusText;
    throw new Error(message);
  }
  return data;
}

function renderPrompts(state) {
  document.getElementById("step-title").textContent = state.title;
  const prompts = document.getElementById("prompts");
  clear(prompts);
  for (const p of state.prompts) prompts.appendChild(el("li", p));
}

// The step's timer as the server last reported it: remaining seconds, counting down only
// while it runs (the facilitator starts, pauses and extends it)
let timerState = null;
function startTimer(state) {
  timerState = {...state.timer, at: Date.now()};
  showTimer();
}

function showTimer() {
  const timer = document.getElementById("timer");
  if (!timer || !timerState) return;
  const gone = timerState.running ? Math.round((Date.now() - timerState.at) / 1000) : 0;
  const left = timerState.remaining_s - gone;
  const sign = left < 0 ? "-" : "";
  const s = Math.abs(left);
  timer.textContent = `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}` +
    (timerState.running ? "" : timerState.started ? " (paused)" : " (not started)");
  timer.classList.toggle("error", left < 0);
}
setInterval(showTimer, 1000);

// ---- facilitator board -------------------------------------------------------------------

function boardToken() {
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) {
    sessionStorage.setItem("okr-facilitator-" + workshopId, fromHash);
    history.replaceState(null, "", location.pathname);
  }
  return sessionStorage.getItem("okr-facilitator-" + workshopId);
}

// Who proposed it: a participant's name, "anonymous" in an anonymous workshop, or the source
function who(p) {
  if (p.author) return p.author;
  return p.source === "participant" ? "anonymous" : p.source;
}

function findingsLine(p) {
  if (!p.findings || p.findings.length === 0) return null;
  return el("div", p.findings.map(f => `${f.code}: ${f.message}`).join(" · "), "finding");
}

function choosing() {
  // Re-rendering while someone has a drop-down open would close it under their finger, and
  // while they type a new wording it would wipe what they typed.
  const active = document.activeElement;
  return Boolean(active && (active.tagName === "SELECT" ||
    (active.tagName === "INPUT" && active.type === "text")));
}

const kept = new Set();  // the clusters the facilitator ticked to keep (survives re-renders)
const rewordFeedback = {};  // objective id -> the rubric's words on its new wording

function renderBoard(state, token) {
  if (choosing()) return;
  renderPrompts(state);
  startTimer(state);
  document.getElementById("join-code").textContent = state.join_code;
  document.getElementById("join-address").textContent = `${location.host}/join`;
  document.getElementById("participant-count").textContent = state.participants.length;
  document.getElementById("participants").textContent = state.participants.join(", ");
  document.getElementById("reveal").hidden = !state.votes_hidden;
  document.getElementById("voted").textContent = state.step === "vote" ?
    `${state.voters.length} of ${state.participants.length} have voted` +
    (state.voters.length ? `: ${state.voters.join(", ")}` : "") : "";
  const clusters = document.getElementById("clusters");
  clear(clusters);
  const objectivesProposals = state.proposals.filter(p => p.kind === "objective");
  for (const c of state.clusters) {
    const box = el("div", null, "cluster");
    const tick = el("input");
    tick.type = "checkbox";
    tick.className = "keep";
    tick.checked = kept.has(c.id);
    tick.setAttribute("aria-label", `keep ${c.label} as an objective`);
    tick.addEventListener("change", () => { if (tick.checked) kept.add(c.id); else kept.delete(c.id); });
    box.appendChild(tick);
    // While voting, the projected board hides the counts until the facilitator reveals them
    box.appendChild(el("b", `${c.label} · ` + (state.votes_hidden ? "dots hidden " : `${c.votes} dots `)));
    const others = state.clusters.filter(o => o.id !== c.id);
    if (others.length) {
      const select = el("select");
      select.setAttribute("aria-label", "merge another cluster into this one");
      select.appendChild(el("option", "merge in…"));
      for (const o of others) {
        const option = el("option", o.label);
        option.value = o.id;
        select.appendChild(option);
      }
      select.addEventListener("change", () => act(() => call("POST",
        `/v1/workshops/${workshopId}/clusters/merge`, token, {into: c.id, other: select.value})));
      box.appendChild(select);
    }
    const list = el("ul");
    const members = objectivesProposals.filter(p => p.cluster_id === c.id);
    for (const p of members) {
      const item = el("li", `${p.text} (${who(p)}) `);
      if (members.length > 1) {
        const split = el("button", "Split out");
        split.addEventListener("click", () => act(() => call("POST",
          `/v1/workshops/${workshopId}/clusters/split`, token, {proposal_id: p.id})));
        item.appendChild(split);
      }
      item.appendChild(removeButton(p, token));
      const line = findingsLine(p);
      if (line) item.appendChild(line);
      list.appendChild(item);
    }
    box.appendChild(list);
    clusters.appendChild(box);
  }
  const loose = document.getElementById("loose");
  clear(loose);
  for (const p of objectivesProposals.filter(p => !p.cluster_id)) {
    const item = el("li", `${p.text} (${who(p)}) `);
    item.appendChild(removeButton(p, token));
    loose.appendChild(item);
  }
  const objectives = document.getElementById("objectives");
  clear(objectives);
  for (const o of state.objectives) {
    const box = el("div", null, "cluster");
    box.appendChild(el("b", o.text + (o.owner ? ` · owner ${o.owner}` : "")));
    const wording = el("input");
    wording.type = "text";
    wording.value = o.text;
    wording.maxLength = 280;
    wording.setAttribute("aria-label", `new wording for ${o.text}`);
    const reword = el("button", "Reword");
    reword.addEventListener("click", () => act(async () => {
      const r = await call("POST", `/v1/workshops/${workshopId}/objectives/${o.id}/reword`,
                           token, {text: wording.value});
      rewordFeedback[o.id] = r.feedback;
    }));
    box.appendChild(wording);
    box.appendChild(reword);
    const said = rewordFeedback[o.id];
    if (said) {
      box.appendChild(el("div", said.length ? said.map(f => `${f.code}: ${f.message}`).join(" · ")
                                            : "Looks good to the rubric.", said.length ? "finding" : "ok"));
    }
    const draft = el("button", "Draft Key Results");
    draft.addEventListener("click", () => act(() =>
      call("POST", `/v1/workshops/${workshopId}/objectives/${o.id}/draft`, token)));
    box.appendChild(draft);
    const list = el("ul");
    for (const k of state.proposals.filter(p => p.kind === "key_result" && p.objective_id === o.id)) {
      const item = el("li", `${k.text} (${who(k)}) `, k.accepted ? "ok" : "");
      const toggle = el("button", k.accepted ? "Drop" : "Accept");
      toggle.addEventListener("click", () => act(() => call("POST",
        `/v1/workshops/${workshopId}/key-results/${k.id}/accept`, token, {accepted: !k.accepted})));
      item.appendChild(toggle);
      item.appendChild(removeButton(k, token));
      const line = findingsLine(k);
      if (line) item.appendChild(line);
      list.appendChild(item);
    }
    box.appendChild(list);
    objectives.appendChild(box);
  }
}

let refresh = async () => {};

// The facilitator takes a proposal off the board (kept, marked, logged), after a confirmation
function removeButton(p, token) {
  const button = el("button", "Remove", "secondary");
  button.setAttribute("aria-label", `remove the proposal: ${p.text}`);
  button.addEventListener("click", () => {
    if (!window.confirm(`Remove this proposal from the board?\n\n${p.text}`)) return;
    act(() => call("POST", `/v1/workshops/${workshopId}/proposals/${p.id}/remove`, token));
  });
  return button;
}

async function act(fn) {
  const error = document.getElementById(page === "board" ? "board-error" : "propose-error");
  error.textContent = "";
  try { await fn(); await refresh(); } catch (e) { error.textContent = e.message; }
}

function board() {
  const token = boardToken();
  let stepNow = null;  // where the session is, for "Back a step"
  refresh = async () => {
    const state = await call("GET", `/v1/workshops/${workshopId}`, token);
    stepNow = {steps: state.steps, step: state.step};
    renderBoard(state, token);
  };
  document.getElementById("prev-step").addEventListener("click", () => act(() => {
    const at = stepNow ? stepNow.steps.indexOf(stepNow.step) : 0;
    if (at <= 0) throw new Error("this is the first step");
    return call("POST", `/v1/workshops/${workshopId}/advance`, token, {to: stepNow.steps[at - 1]});
  }));
  document.getElementById("next-step").addEventListener("click", () =>
    act(() => call("POST", `/v1/workshops/${workshopId}/advance`, token, {})));
  for (const [id, body] of [["timer-start", {action: "start"}], ["timer-pause", {action: "pause"}],
                            ["timer-extend", {action: "extend", minutes: 1}]]) {
    document.getElementById(id).addEventListener("click", () =>
      act(() => call("POST", `/v1/workshops/${workshopId}/timer`, token, body)));
  }
  document.getElementById("reveal").addEventListener("click", () =>
    act(() => call("POST", `/v1/workshops/${workshopId}/votes/reveal`, token)));
  document.getElementById("do-cluster").addEventListener("click", () =>
    act(() => call("POST", `/v1/workshops/${workshopId}/cluster`, token)));
  document.getElementById("do-converge").addEventListener("click", () =>
    act(() => call("POST", `/v1/workshops/${workshopId}/converge`, token,
                   kept.size ? {clusters: [...kept]} : {})));
  document.getElementById("export-md").addEventListener("click", async (event) => {
    event.preventDefault();
    await act(async () => {
      const md = await fetch(`/v1/workshops/${workshopId}/export`, {headers: {"X-Workshop-Token": token}});
      const blob = new Blob([await md.text()], {type: "text/markdown"});
      const link = el("a");
      link.href = URL.createObjectURL(blob);
      link.download = "okrs.md";
      link.click();
    });
  });
}

// ---- participant page --------------------------------------------------------------------

function participant() {
  const token = localStorage.getItem("okr-participant-" + workshopId);
  if (!token) { location.href = "/join"; return; }
  const form = document.getElementById("propose-form");
  refresh = async () => {
    const state = await call("GET", `/v1/workshops/${workshopId}`, token);
    renderPrompts(state);
    document.getElementById("me").textContent = state.me.name;
    const krStep = state.step === "key_results" || state.step === "review";
    // Each step shows what it is for: proposals while diverging and drafting Key Results,
    // dots while voting; the rest of the time the phone shows the prompts and the proposals
    form.hidden = !(state.step === "diverge" || krStep);
    document.getElementById("vote-section").hidden = state.step !== "vote";
    document.getElementById("dots-left").textContent = state.me.dots_left;
    const pick = document.getElementById("objective-pick");
    pick.hidden = !krStep;
    const select = document.getElementById("objective-id");
    if (!choosing()) {
      const chosen = select.value;
      clear(select);
      for (const o of state.objectives) {
        const option = el("option", o.text);
        option.value = o.id;
        select.appendChild(option);
      }
      if (chosen) select.value = chosen;
    }
    const votes = document.getElementById("vote-list");
    clear(votes);
    for (const c of state.clusters) {
      const row = el("div", null, "cluster");
      const mine = state.me.my_dots[c.id] || 0;
      const count = c.votes === null ? "dots hidden until revealed" : `${c.votes} dots`;
      row.appendChild(el("span", `${c.label} · ${count}` + (mine ? ` (${mine} yours) ` : " ")));
      const button = el("button", "+1 dot");
      button.disabled = state.me.dots_left <= 0;
      button.addEventListener("click", () => act(async () => {
        const r = await call("POST", `/v1/workshops/${workshopId}/votes`, token, {cluster_id: c.id});
        document.getElementById("dots-left").textContent = r.dots_left;
      }));
      row.appendChild(button);
      if (mine) {
        const back = el("button", "−1", "secondary");
        back.setAttribute("aria-label", `take a dot back from ${c.label}`);
        back.addEventListener("click", () => act(async () => {
          const r = await call("POST", `/v1/workshops/${workshopId}/votes/remove`, token, {cluster_id: c.id});
          document.getElementById("dots-left").textContent = r.dots_left;
        }));
        row.appendChild(back);
      }
      votes.appendChild(row);
    }
    // At the end everyone sees what was committed to: the objectives and accepted KRs
    const done = state.step === "review" || state.step === "commit";
    document.getElementById("final-set").hidden = !(done && state.objectives.length);
    const final = document.getElementById("final-objectives");
    clear(final);
    for (const o of state.objectives) {
      final.appendChild(el("h3", o.text + (o.owner ? ` · owner ${o.owner}` : "")));
      const list = el("ul");
      for (const k of state.proposals.filter(p => p.kind === "key_result" &&
                                                  p.objective_id === o.id && p.accepted)) {
        list.appendChild(el("li", k.text));
      }
      final.appendChild(list);
    }
    const all = document.getElementById("all-proposals");
    clear(all);
    for (const p of state.proposals) all.appendChild(el("li", `${p.text} (${who(p)})`));
  };
  // What the rubric flags can be fixed: a flagged proposal stays in the box, and the next
  // send rewords it instead of adding another
  let editing = null;
  const button = document.getElementById("propose-button");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    act(async () => {
      const text = document.getElementById("proposal-text").value;
      const krStep = !document.getElementById("objective-pick").hidden;
      const body = krStep ? {kind: "key_result", text, objective_id: document.getElementById("objective-id").value}
                          : {kind: "objective", text};
      const result = editing
        ? await call("POST", `/v1/workshops/${workshopId}/proposals/${editing}/edit`, token, {text})
        : await call("POST", `/v1/workshops/${workshopId}/proposals`, token, body);
      const feedback = document.getElementById("feedback");
      clear(feedback);
      if (result.feedback.length === 0) feedback.appendChild(el("p", "Looks good to the rubric.", "ok"));
      for (const f of result.feedback) {
        feedback.appendChild(el("p", `${f.code}: ${f.message}. ${f.suggestion}`, "finding"));
      }
      if (result.feedback.length) {
        editing = result.id;
        button.textContent = "Update my proposal";
      } else {
        editing = null;
        button.textContent = "Propose";
        document.getElementById("proposal-text").value = "";
      }
    });
  });
}

// ---- join --------------------------------------------------------------------------------

function join() {
  document.getElementById("join-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = document.getElementById("join-error");
    error.textContent = "";
    try {
      const r = await call("POST", "/v1/workshops/join", null, {
        code: document.getElementById("join-code").value,
        name: document.getElementById("join-name").value});
      localStorage.setItem("okr-participant-" + r.workshop_id, r.token);
      location.href = r.page_url;
    } catch (e) { error.textContent = e.message; }
  });
}

if (page === "board") board();
if (page === "participant") participant();
if (page === "join") join();
if (page === "board" || page === "participant") {
  const tick = () => refresh().catch(e => {
    const error = document.getElementById(page === "board" ? "board-error" : "propose-error");
    error.textContent = e.message;
  });
  tick();
  setInterval(tick, 2000);
}
