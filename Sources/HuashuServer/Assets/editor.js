// huashu editor page (/editor): explain a message (fired rules with their spans, near misses,
// emotion cues, suggestion scores), run the rule examples or a labelled corpus, reload the
// rule and phrasebook files.
//
// Served under a strict Content-Security-Policy: no inline script or style, no external
// assets. Every piece of text from the server goes into the DOM through textContent.
'use strict';

(() => {
  // ---------------------------------------------------------------- helpers

  const $ = (id) => document.getElementById(id);
  const { el, api, ApiError } = window.huashu;

  /** Appends children (nodes or strings) to a node and returns it. */
  function append(node, ...children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function num(value, digits = 3) {
    return typeof value === 'number' && isFinite(value) ? value.toFixed(digits) : '–';
  }

  function percent(value) {
    return typeof value === 'number' && isFinite(value) ? (value * 100).toFixed(1) + '%' : '–';
  }

  const list = (value) => (Array.isArray(value) ? value : []);


  let statusTimer = 0;

  /** Shows a message above the page; errors stay until the next message. */
  function showStatus(message, kind = '') {
    const status = $('status');
    clearTimeout(statusTimer);
    status.textContent = message;
    status.className = 'status' + (kind ? ' ' + kind : '');
    status.hidden = false;
    if (kind !== 'error') statusTimer = setTimeout(() => { status.hidden = true; }, 3000);
  }

  function hideStatus() {
    clearTimeout(statusTimer);
    $('status').hidden = true;
  }

  function showError(error) {
    showStatus(error instanceof ApiError ? error.message : '出错了：' + error, 'error');
  }

  /** Runs `work` with `button` disabled and labelled `busy` meanwhile. */
  async function busy(button, label, work) {
    const original = button.textContent;
    button.disabled = true;
    button.textContent = label;
    try {
      return await work();
    } finally {
      button.disabled = false;
      button.textContent = original;
    }
  }

  // ---------------------------------------------------------------- spans

  /**
   * The message with the given spans marked. Span offsets count characters (code points) of
   * the message, so the text is split with Array.from, not indexed as UTF-16.
   */
  function highlighted(text, spans) {
    const chars = Array.from(text || '');
    const ranges = list(spans)
      .map((span) => ({
        start: Math.max(0, Math.min(chars.length, Number(span.start) || 0)),
        end: Math.max(0, Math.min(chars.length, Number(span.end) || 0)),
        label: [span.kind, span.source].filter(Boolean).join(' '),
      }))
      .filter((range) => range.end > range.start)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    // Overlapping spans become one mark, titled with every pattern behind it.
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range.start <= last.end) {
        last.end = Math.max(last.end, range.end);
        if (range.label && !last.labels.includes(range.label)) last.labels.push(range.label);
      } else {
        merged.push({ start: range.start, end: range.end, labels: range.label ? [range.label] : [] });
      }
    }
    const fragment = el('div', 'hl');
    let at = 0;
    for (const range of merged) {
      if (range.start > at) append(fragment, chars.slice(at, range.start).join(''));
      const mark = el('mark', '', chars.slice(range.start, range.end).join(''));
      if (range.labels.length) mark.title = range.labels.join('；');
      fragment.appendChild(mark);
      at = range.end;
    }
    if (at < chars.length) append(fragment, chars.slice(at).join(''));
    return fragment;
  }

  /** "keyword 少发 · regex !{3,}": what each span matched. */
  function matchedBy(spans) {
    const seen = [];
    for (const span of list(spans)) {
      const label = [span.kind, span.source ?? span.text].filter(Boolean).join(' ');
      if (label && !seen.includes(label)) seen.push(label);
    }
    return seen.length ? el('div', 'matched', '← ' + seen.join(' · ')) : null;
  }

  function place(item) {
    if (!item.file) return '';
    return [item.file, item.line, item.column].filter((part) => part !== undefined && part !== null).join(':');
  }

  // ---------------------------------------------------------------- explain

  /** One fired rule or emotion cue: id, place, weight and evidence, the marked message. */
  function ruleItem(rule, text) {
    const item = el('div', 'item rule');
    item.dataset.id = rule.id || '';
    const title = el('div', 'title');
    append(title, el('code', '', rule.id), el('span', 'loc mono', place(rule)));
    const nums = [];
    if (rule.weight !== undefined) nums.push('weight ' + num(rule.weight, 2));
    if (rule.evidence !== undefined) nums.push('evidence ' + num(rule.evidence));
    title.appendChild(el('span', 'nums', nums.join(' · ')));
    if (rule.counted === false) title.appendChild(el('span', 'badge no', '未计入'));
    if (rule.counted === true) title.appendChild(el('span', 'badge yes', '计入'));
    if (rule.fallback) title.appendChild(el('span', 'badge', '兜底 fallback'));
    item.appendChild(title);
    item.appendChild(highlighted(text, rule.matches));
    append(item, matchedBy(rule.matches));
    return item;
  }

  function nearMissItem(miss, text) {
    const item = el('div', 'item near-miss');
    item.dataset.id = miss.id || '';
    const title = el('div', 'title');
    append(title, el('code', '', miss.id), el('span', 'loc mono', place(miss)));
    if (miss.target) title.appendChild(el('span', 'badge', miss.target === 'emotion' ? '情绪' : '意图'));
    item.appendChild(title);
    item.appendChild(el('div', 'reason', miss.reason || ''));
    if (list(miss.matches).length) {
      item.appendChild(highlighted(text, miss.matches));
      append(item, matchedBy(miss.matches));
    }
    return item;
  }

  function suggestionItem(suggestion, index) {
    const item = el('div', 'item suggestion');
    item.dataset.id = suggestion.id || '';
    const title = el('div', 'title');
    append(title, el('span', 'badge', String(index + 1)), el('code', '', suggestion.id));
    if (suggestion.code) title.appendChild(el('span', 'mono', suggestion.code));
    if (suggestion.group) title.appendChild(el('span', 'muted', suggestion.group));
    title.appendChild(el('span', 'loc mono', place(suggestion)));
    item.appendChild(title);
    item.appendChild(el('div', 'hl', suggestion.text));
    const parts = suggestion.parts || {};
    const layer = suggestion.source || 'team';
    const formula = `得分 ${num(suggestion.score)} = 意图 ${num(parts.intent)} × 匹配 ${num(parts.fit)}`
      + ` × ${layer} ${num(parts.layer, 2)} × 使用 ${num(parts.usage)}（采用 ${parts.accepted ?? 0} 次）`;
    item.appendChild(el('div', 'nums', formula));
    return item;
  }

  const EMOTIONS = { calm: '平静', upset: '不满', angry: '愤怒' };

  function renderExplain(trace) {
    $('explain-result').hidden = false;
    const text = trace.text || '';
    $('explain-message').textContent = text;
    $('normalized').textContent = trace.normalized ?? '';
    $('truncated').hidden = !trace.truncated;

    const intent = $('explain-intent');
    intent.dataset.intent = trace.intent || '';
    intent.replaceChildren(
      el('strong', '', trace.label || trace.intent || '–'),
      el('span', 'mono muted', ' ' + (trace.intent || '')),
      el('span', 'muted', '  置信度 ' + num(trace.confidence)));

    const runnerUp = trace.runner_up;
    $('runner-up').textContent = runnerUp
      ? `${runnerUp.intent} ${num(runnerUp.score)}（差 ${num(runnerUp.margin)}）${runnerUp.why ? '：' + runnerUp.why : ''}`
      : '无';

    // Emotion: level badge, anger/upset scores against the threshold.
    const emotion = trace.emotion || {};
    const badge = el('span', 'badge emotion-' + (emotion.level || 'calm'),
      EMOTIONS[emotion.level] || emotion.level || '–');
    badge.dataset.emotion = emotion.level || '';
    badge.title = emotion.level || '';
    const emotionBox = $('explain-emotion');
    emotionBox.dataset.emotion = emotion.level || '';
    emotionBox.replaceChildren(badge, el('span', 'muted',
      `  anger ${num(emotion.anger)} · upset ${num(emotion.upset)} · 阈值 ${num(emotion.threshold, 2)}`));
    $('emotion-summary').textContent = `${emotion.level || ''} · anger ${num(emotion.anger)} · upset ${num(emotion.upset)}`;

    // Intent scores as bars.
    const scores = $('scores');
    scores.replaceChildren();
    const scoreRows = list(trace.scores);
    for (const score of scoreRows) {
      const track = el('div', 'bar-track');
      const fill = el('div', 'bar-fill');
      fill.style.width = Math.max(0, Math.min(1, Number(score.score) || 0)) * 100 + '%';
      track.appendChild(fill);
      append(scores, el('span', 'mono', score.intent), track, el('span', 'mono', num(score.score)));
    }
    if (!scoreRows.length) scores.appendChild(el('span', 'empty', '没有意图得分'));

    const rules = list(trace.rules);
    $('rules-count').textContent = `(${rules.length})`;
    $('rules').replaceChildren(...(rules.length
      ? rules.map((rule) => ruleItem(rule, text)) : [el('p', 'empty', '没有规则命中')]));

    const misses = list(trace.near_misses);
    $('near-misses-count').textContent = `(${misses.length})`;
    $('near-misses').replaceChildren(...(misses.length
      ? misses.map((miss) => nearMissItem(miss, text)) : [el('p', 'empty', '没有')]));

    const cues = list(emotion.cues);
    $('cues').replaceChildren(...(cues.length
      ? cues.map((cue) => ruleItem(cue, text)) : [el('p', 'empty', '没有情绪线索')]));

    const failures = list(trace.pattern_failures);
    $('pattern-failures-card').hidden = failures.length === 0;
    $('pattern-failures').replaceChildren(...failures.map((failure) => el('li', 'mono', failure)));

    const suggestions = list(trace.suggestions);
    $('explain-suggestions').replaceChildren(...(suggestions.length
      ? suggestions.map(suggestionItem)
      : [el('p', 'empty', '没有建议回复' + (trace.no_suggestion_reason ? '：' + trace.no_suggestion_reason : ''))]));
  }

  async function explain() {
    const text = $('explain-text').value.trim();
    if (!text) {
      showStatus('请先输入一条消息', 'warn');
      return;
    }
    await busy($('explain'), '解释中…', async () => {
      try {
        renderExplain(await api('/api/explain', { method: 'POST', body: { text } }));
        hideStatus();
      } catch (error) {
        showError(error);
      }
    });
  }

  // ---------------------------------------------------------------- test reports

  function table(headers, rows, numeric = []) {
    const wrap = el('div', 'table-wrap');
    const tableNode = el('table');
    const head = el('tr');
    headers.forEach((header, column) =>
      head.appendChild(el('th', numeric.includes(column) ? 'num' : '', header)));
    tableNode.appendChild(append(el('thead'), head));
    const body = el('tbody');
    for (const row of rows) {
      const tr = el('tr', row.className || '');
      row.cells.forEach((cell, column) => {
        const td = el('td', numeric.includes(column) ? 'num' : '');
        if (cell && typeof cell === 'object') td.appendChild(cell); else td.textContent = cell ?? '';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
    tableNode.appendChild(body);
    wrap.appendChild(tableNode);
    return wrap;
  }

  function metric(value, label) {
    return append(el('div', 'metric'), el('b', '', value), el('span', '', label));
  }

  function renderExamples(examples) {
    const box = el('div', 'examples');
    const failures = list(examples.failures);
    box.appendChild(el('h3', '', '规则示例'));
    box.appendChild(el('p', failures.length ? 'status error' : 'status ok',
      `检查了 ${examples.checked ?? 0} 个示例，${failures.length ? failures.length + ' 个不通过' : '全部通过'}`));
    if (failures.length) {
      box.appendChild(table(['位置', '规则', '示例', '期望'], failures.map((failure) => ({
        cells: [el('span', 'mono', place(failure)), el('code', '', failure.rule), el('span', 'message-text', failure.text),
          failure.expected],
      }))));
    }
    return box;
  }

  function renderCorpus(corpus) {
    const box = el('div', 'corpus');
    const report = corpus.report || {};
    const name = String(corpus.file || '').split('/').pop();
    box.appendChild(el('h3', '', '语料 ' + name));
    box.appendChild(append(el('div', 'metrics'),
      metric(report.messages ?? '–', '消息'),
      metric(percent(report.accuracy), '准确率 accuracy'),
      metric(num(report.macro_f1), 'macro-F1'),
      metric(num(report.micro_f1), 'micro-F1')));

    const intents = list(report.intents);
    if (intents.length) {
      box.appendChild(table(
        ['意图', '样本', '预测', '精确率', '召回率', 'F1', '常被混淆为'],
        intents.map((row) => ({
          className: typeof row.f1 === 'number' && row.f1 < 0.8 ? 'weak' : '',
          cells: [el('code', '', row.intent), row.support, row.predicted, num(row.precision),
            num(row.recall), num(row.f1),
            list(row.confused_with).map((other) => `${other.intent} ×${other.count}`).join('、')],
        })), [1, 2, 3, 4, 5]));
      box.lastChild.querySelectorAll('tr td:nth-child(6)').forEach((td) => td.classList.add('f1'));
    }

    const emotions = list(report.emotions);
    if (emotions.length) {
      box.appendChild(el('h3', '', '情绪'));
      box.appendChild(table(['情绪', '样本', '精确率', '召回率'], emotions.map((row) => ({
        cells: [`${EMOTIONS[row.emotion] || ''} ${row.emotion}`, row.support, num(row.precision),
          num(row.recall)],
      })), [1, 2, 3]));
      box.lastChild.querySelector('table').classList.add('compact');
    }

    const worst = list(report.worst);
    if (worst.length) {
      box.appendChild(el('h3', '', '最有把握的错误'));
      box.appendChild(table(['行', '消息', '期望', '预测', '规则'], worst.map((row) => ({
        cells: [row.line, el('span', 'message-text', row.text), row.expected, `${row.predicted} ${num(row.confidence)}`,
          el('span', 'mono', [row.rule, row.location].filter(Boolean).join(' '))],
      })), [0]));
    }

    if (corpus.gate) {
      const gate = corpus.gate;
      const passed = gate.passed;
      box.appendChild(el('h3', '', '门槛 gate'));
      box.appendChild(el('p', passed === false ? 'status error' : 'status ok',
        Object.entries(gate).map(([key, value]) =>
          `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`).join(' · ')));
    }
    return box;
  }

  function renderTest(report) {
    const box = $('test-result');
    box.replaceChildren(el('p', report.passed === false ? 'status error' : 'status ok',
      report.passed === false ? '未通过' : '通过'));
    if (report.examples) box.appendChild(renderExamples(report.examples));
    for (const corpus of list(report.corpora)) box.appendChild(renderCorpus(corpus));
  }

  async function runTest(button, body) {
    const box = $('test-result');
    $('test-card').hidden = false;
    box.replaceChildren(el('p', 'status', '运行中…'));
    await busy(button, '运行中…', async () => {
      try {
        renderTest(await api('/api/test', { method: 'POST', body }));
      } catch (error) {
        box.replaceChildren(el('p', 'status error', error.message));
      }
    });
  }

  async function loadCorpora() {
    const select = $('corpus');
    try {
      const answer = await api('/api/corpora');
      const corpora = list(answer.corpora);
      select.replaceChildren(...corpora.map((corpus) => {
        const option = el('option', '', corpus.name);
        option.value = corpus.name;
        option.title = corpus.path || '';
        return option;
      }));
      if (!corpora.length) {
        const option = el('option', '', '（服务没有可运行的语料）');
        option.value = '';
        select.appendChild(option);
      }
      select.disabled = $('run-corpus').disabled = corpora.length === 0;
    } catch (error) {
      select.replaceChildren(el('option', '', '（读不到语料列表）'));
      select.disabled = $('run-corpus').disabled = true;
      showError(error);
    }
  }

  // ---------------------------------------------------------------- reload

  async function reload() {
    const box = $('reload-result');
    await busy($('reload'), '加载中…', async () => {
      try {
        const answer = await api('/api/reload', { method: 'POST', body: {} });
        const counts = [];
        if (answer.rules !== undefined) counts.push(`规则 ${answer.rules} 条`);
        if (answer.replies !== undefined) counts.push(`回复 ${answer.replies} 条`);
        box.replaceChildren(el('p', 'status ok', '已重新加载' + (counts.length ? '：' + counts.join('，') : '')));
      } catch (error) {
        const diagnostics = list(error.data && error.data.diagnostics);
        const message = error.status === 422 && error.data && error.data.error
          ? '没有重新加载，旧规则继续运行：' + error.data.error : error.message;
        box.replaceChildren(el('p', 'status error', message));
        if (diagnostics.length) box.appendChild(el('pre', 'diag', diagnostics.join('\n')));
      }
    });
  }

  // ---------------------------------------------------------------- wiring

  $('explain-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      explain();
    }
  });
  $('explain').addEventListener('click', explain);
  $('run-examples').addEventListener('click', (event) => runTest(event.currentTarget, {}));
  $('run-corpus').addEventListener('click', (event) => {
    const name = $('corpus').value;
    if (!name) return showStatus('先选一个语料', 'warn');
    runTest(event.currentTarget, { corpus: name });
  });
  $('reload').addEventListener('click', reload);

  loadCorpora();
})();
