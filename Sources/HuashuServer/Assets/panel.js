// huashu side panel (/): paste a buyer's message, see intent and emotion, copy a suggested
// reply with one click (or key 1–3), search the phrasebook.
//
// Served under a strict Content-Security-Policy: no inline script or style, no external
// assets. Every piece of text from the server goes into the DOM through textContent.
'use strict';

(() => {
  // ---------------------------------------------------------------- helpers

  const $ = (id) => document.getElementById(id);
  const { el, api, ApiError } = window.huashu;


  // ---------------------------------------------------------------- status line

  let statusTimer = 0;

  /** Shows a message; kind is '', 'ok', 'warn' or 'error'. ok/info messages fade after a while. */
  function showStatus(message, kind = '', sticky = false) {
    const status = $('status');
    clearTimeout(statusTimer);
    status.textContent = message;
    status.className = 'status' + (kind ? ' ' + kind : '');
    status.hidden = false;
    if (!sticky && kind !== 'error') {
      statusTimer = setTimeout(() => { status.hidden = true; }, kind === 'warn' ? 6000 : 2500);
    }
  }

  function hideStatus() {
    clearTimeout(statusTimer);
    $('status').hidden = true;
  }

  function showError(error) {
    showStatus(error instanceof ApiError ? error.message : '出错了：' + error, 'error');
  }

  // ---------------------------------------------------------------- clipboard

  /** Is the element a place the agent types in (where 1–3 must stay plain digits)? */
  function isTextField(node) {
    if (!node || node === document.body) return false;
    if (node.isContentEditable) return true;
    if (node.tagName === 'TEXTAREA' || node.tagName === 'SELECT') return true;
    if (node.tagName !== 'INPUT') return false;
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file']
      .includes((node.type || 'text').toLowerCase());
  }

  /** Copies text the old way (a hidden textarea + execCommand), for non-secure pages. */
  function copyTextFallback(text) {
    const previous = document.activeElement;
    const area = el('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'clipboard-helper';
    // Kept off screen through the CSSOM (allowed by the CSP, unlike a style attribute).
    area.style.position = 'fixed';
    area.style.top = '-1000px';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (_) { ok = false; }
    area.remove();
    if (previous && typeof previous.focus === 'function') previous.focus();
    return ok;
  }

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (_) { /* permission refused: try the old way */ }
    }
    return copyTextFallback(text);
  }

  /** The address of a reply's image: URLs as they are, files under /images/{source}/. */
  function imageURL(source, image) {
    if (/^https?:\/\//i.test(image)) return image;
    const layer = source === 'personal' ? 'personal' : 'team';
    const path = image.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');
    return `/images/${layer}/${path}`;
  }

  /** Fetches one of our own images as a PNG blob (the only image type clipboards take). */
  async function pngBlob(url) {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const blob = await response.blob();
    if (blob.type === 'image/png') return blob;
    // Another format (jpeg, webp, …): redraw it on a canvas as PNG.
    const bitmap = await createImageBitmap(blob);
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d').drawImage(bitmap, 0, 0);
    return new Promise((resolve, reject) => canvas.toBlob(
      (png) => (png ? resolve(png) : reject(new Error('cannot convert image'))), 'image/png'));
  }

  /**
   * Copies a reply: its text, and its first local image too when the browser can put both on
   * the clipboard. Resolves to { ok, note } where note says what was copied.
   */
  async function copyReplyContent(reply) {
    const text = reply.text || '';
    const images = Array.isArray(reply.images) ? reply.images : [];
    if (images.length === 0) {
      return { ok: await copyText(text), note: '已复制' };
    }
    const local = images.find((image) => !/^https?:\/\//i.test(image));
    const canWriteImages = navigator.clipboard && typeof navigator.clipboard.write === 'function'
      && typeof window.ClipboardItem === 'function' && window.isSecureContext;
    if (local !== undefined && canWriteImages) {
      try {
        // The blob is given as a promise so the write starts inside the click's user activation.
        const item = new ClipboardItem({
          'text/plain': new Blob([text], { type: 'text/plain' }),
          'image/png': pngBlob(imageURL(reply.source, local)),
        });
        await navigator.clipboard.write([item]);
        const more = images.length > 1 ? `（另有 ${images.length - 1} 张图片请手动发送）` : '';
        return { ok: true, note: '已复制文字和图片' + more };
      } catch (_) { /* fall through to text only */ }
    }
    const ok = await copyText(text);
    const why = local === undefined ? '图片是网址，请手动发送' : '浏览器不能复制图片';
    return { ok, note: `已复制文字（${why}）`, warn: true };
  }

  // ---------------------------------------------------------------- chats

  const chatInput = $('chat');
  let knownChats = [];

  /** The next free id of the form c<number>, above every chat the server or this tab knows. */
  function nextChatId() {
    let highest = 0;
    for (const id of knownChats.concat([chatInput.value])) {
      const match = /^c(\d+)$/.exec((id || '').trim());
      if (match) highest = Math.max(highest, Number(match[1]));
    }
    return 'c' + (highest + 1);
  }

  async function refreshChats() {
    try {
      const answer = await api('/api/chats');
      const chats = Array.isArray(answer.chats) ? answer.chats : [];
      knownChats = chats.map((chat) => String(chat.chat));
      const list = $('chat-list');
      list.replaceChildren(...chats.map((chat) => {
        const option = el('option');
        option.value = String(chat.chat);
        const topic = chat.topic ? ` · ${chat.topic}` : '';
        option.label = `第 ${chat.turn} 轮${topic}`;
        return option;
      }));
      return true;
    } catch (error) {
      if (error.status === 401) showError(error);
      return false;
    }
  }

  function setChat(id) {
    chatInput.value = id;
    try { sessionStorage.setItem('huashu.chat', id); } catch (_) { /* storage off */ }
  }

  function currentChat() {
    let id = chatInput.value.trim();
    if (!id) {
      id = nextChatId();
      setChat(id);
    }
    return id;
  }

  // ---------------------------------------------------------------- suggestions

  const EMOTIONS = { calm: '平静', upset: '不满', angry: '愤怒' };
  const SCRIPT_STEPS = { acknowledge: '共情', apologize: '道歉', solve: '解决', 'follow-up': '跟进' };

  let lastResult = null;       // the last /api/suggest answer shown
  let suggestSequence = 0;     // answers to older requests are dropped

  function formatNumber(value, digits = 2) {
    return typeof value === 'number' && isFinite(value) ? value.toFixed(digits) : '–';
  }

  /** Renders a reply (a suggestion or a search match) as a list item with a copy button. */
  function replyItem(reply, index, extra) {
    const item = el('li', 'reply');
    item.dataset.id = reply.id || '';
    const head = el('div', 'reply-head');
    if (index !== null) head.appendChild(el('span', 'num', index + 1));
    const meta = el('span', 'meta');
    if (reply.code) {
      meta.appendChild(el('code', '', reply.code));
      meta.appendChild(document.createTextNode(' '));
    }
    meta.appendChild(document.createTextNode([reply.group, extra].filter(Boolean).join(' · ')));
    meta.title = reply.id || '';
    head.appendChild(meta);
    const layer = reply.source || reply.layer;
    if (layer === 'personal') head.appendChild(el('span', 'badge personal', '个人'));
    const button = el('button', 'copy', '复制');
    button.type = 'button';
    button.title = index !== null && index < 9 ? `复制（按 ${index + 1}）` : '复制';
    button.addEventListener('click', () => copyReply(reply, item, button));
    head.appendChild(button);
    item.appendChild(head);

    item.appendChild(el('p', 'text', reply.text));

    const images = Array.isArray(reply.images) ? reply.images : [];
    if (images.length > 0) {
      const strip = el('div', 'images');
      for (const image of images) {
        const link = el('a');
        link.href = imageURL(layer, image);
        link.target = '_blank';
        link.rel = 'noopener';
        const img = el('img');
        img.src = link.href;
        img.alt = image;
        img.title = image;
        img.loading = 'lazy';
        link.appendChild(img);
        strip.appendChild(link);
      }
      item.appendChild(strip);
    }
    const missing = Array.isArray(reply.missing_variables) ? reply.missing_variables : [];
    if (missing.length > 0) {
      item.appendChild(el('p', 'missing', '缺少变量：' + missing.join('、') + '（发送前补上【】处）'));
    }
    return item;
  }

  /** Copies a reply, then counts it as accepted for this chat. */
  async function copyReply(reply, item, button) {
    const { ok, note, warn } = await copyReplyContent(reply);
    if (!ok) {
      showStatus('复制失败：浏览器不允许写剪贴板，请手动选中文字复制', 'error');
      return;
    }
    for (const other of document.querySelectorAll('.reply.copied')) other.classList.remove('copied');
    item.classList.add('copied');
    if (button) {
      button.textContent = '已复制';
      button.classList.add('done');
      setTimeout(() => {
        button.textContent = '复制';
        button.classList.remove('done');
      }, 1500);
    }
    showStatus(note, warn ? 'warn' : 'ok');
    if (!reply.id) return;
    try {
      const body = { id: reply.id };
      // The chat the suggestions were for (a search result: the chat in the picker).
      const chat = (lastResult && lastResult.chat) || chatInput.value.trim();
      if (chat) body.chat = chat;
      await api('/api/accept', { method: 'POST', body });
    } catch (error) {
      showStatus(note + '，但没能记录采用：' + error.message, 'warn');
    }
  }

  function renderResult(result) {
    lastResult = result;
    const box = $('result');
    box.hidden = false;
    // How many answers this page has shown: lets a test wait for the next one.
    box.dataset.answers = String(Number(box.dataset.answers || 0) + 1);

    // Intent: label and id; when answered for the chat's topic, say so.
    const intent = $('intent');
    intent.replaceChildren();
    intent.dataset.intent = result.intent || '';
    intent.appendChild(el('strong', '', result.label || (result.intent === 'other' ? '无明确意图' : result.intent)));
    intent.appendChild(el('span', 'intent-id', result.intent || ''));
    if (result.intent_source === 'chat') {
      intent.appendChild(el('span', 'source-note', '（按会话话题）'));
    }

    const emotion = $('emotion');
    emotion.dataset.emotion = result.emotion || '';
    emotion.className = 'badge emotion-' + (result.emotion || 'calm');
    emotion.textContent = EMOTIONS[result.emotion] || result.emotion || '–';
    emotion.title = result.emotion || '';

    $('confidence').textContent = formatNumber(result.confidence);

    // The chat's state: turn, bargaining round, COD question.
    const state = result.chat_state || {};
    const stateParts = [];
    stateParts.push(`${result.chat || ''} 第 ${state.turn ?? '?'} 轮`);
    if (state.bargaining_round) stateParts.push(`议价第 ${state.bargaining_round} 轮`);
    if (state.cod_pending) stateParts.push('待确认货到付款');
    const chatState = $('chat-state');
    chatState.textContent = stateParts.join(' · ');
    chatState.dataset.turn = String(state.turn ?? '');

    // The topic, shown when the reply follows the chat's topic rather than this message.
    const showTopic = result.intent_source === 'chat' && state.topic;
    $('topic').hidden = $('topic-label').hidden = !showTopic;
    $('topic').textContent = showTopic
      ? `${state.topic}（这条消息没有自己的意图）` : '';

    // What the message named: region, amounts, an offer against the floor.
    const details = [];
    if (result.region) details.push('地区 ' + result.region);
    if (Array.isArray(result.amounts) && result.amounts.length) {
      details.push('金额 ' + result.amounts.map((amount) => '¥' + amount).join('、'));
    }
    if (result.offer !== undefined && result.offer !== null) {
      const verdict = result.offer_acceptable === true ? '可以接受'
        : result.offer_acceptable === false ? '低于底价' : '底价未知';
      details.push(`出价 ¥${result.offer}（${verdict}）`);
    }
    $('details').textContent = details.join(' · ');
    $('details').hidden = $('details-label').hidden = details.length === 0;

    // Hand-off to a human or supervisor: prominent, with the reason.
    $('handoff').hidden = !result.handoff;
    $('handoff-reason').textContent = result.handoff ? (result.handoff_reason || '') : '';

    // The de-escalation script's step.
    const deescalation = $('deescalation');
    if (state.deescalation_step || state.deescalation) {
      const name = state.deescalation || '';
      const chinese = SCRIPT_STEPS[name] ? `${SCRIPT_STEPS[name]}（${name}）` : name;
      deescalation.textContent = `安抚话术第 ${state.deescalation_step ?? '?'} 步：${chinese}`;
      deescalation.hidden = false;
    } else {
      deescalation.hidden = true;
      deescalation.textContent = '';
    }

    const suggestions = Array.isArray(result.suggestions) ? result.suggestions : [];
    $('suggestions').replaceChildren(
      ...suggestions.map((reply, index) => replyItem(reply, index)));
    const none = $('no-suggestion');
    none.hidden = suggestions.length > 0;
    none.textContent = suggestions.length > 0 ? ''
      : '没有建议回复' + (result.no_suggestion_reason ? '：' + result.no_suggestion_reason : '');
  }

  async function suggest() {
    const message = $('message');
    const text = message.value.trim();
    if (!text) {
      showStatus('请先输入或粘贴买家的消息', 'warn');
      message.focus();
      return;
    }
    const chat = currentChat();
    try { sessionStorage.setItem('huashu.chat', chat); } catch (_) { /* storage off */ }
    const sequence = ++suggestSequence;
    const button = $('suggest');
    button.disabled = true;
    button.textContent = '建议中…';
    try {
      const result = await api('/api/suggest', { method: 'POST', body: { chat, text } });
      if (sequence !== suggestSequence) return;
      if (result.error) throw new ApiError('请求有误：' + result.error, 400);
      hideStatus();
      renderResult(result);
      // Leave the message box so 1–3 copy at once; a paste goes back into it (see below).
      if (Array.isArray(result.suggestions) && result.suggestions.length > 0
          && document.activeElement === message) {
        message.blur();
      }
      refreshChats();
    } catch (error) {
      if (sequence === suggestSequence) showError(error);
    } finally {
      if (sequence === suggestSequence) {
        button.disabled = false;
        button.textContent = '建议回复';
      }
    }
  }

  // ---------------------------------------------------------------- search

  let searchTimer = 0;
  let searchSequence = 0;

  async function search() {
    const query = $('search').value.trim();
    const list = $('search-results');
    const sequence = ++searchSequence;
    if (!query) {
      list.replaceChildren();
      delete list.dataset.query;
      return;
    }
    try {
      const answer = await api('/api/find?' + new URLSearchParams({ q: query, limit: '10' }));
      if (sequence !== searchSequence) return;
      list.dataset.query = query;  // which search the list shows (tests wait on it)
      const matches = Array.isArray(answer.matches) ? answer.matches : [];
      if (matches.length === 0) {
        list.replaceChildren(el('li', 'empty', `没有找到“${query}”`));
        return;
      }
      list.replaceChildren(...matches.map((match) => {
        const used = match.accepted ? `用过 ${match.accepted} 次` : '';
        return replyItem(match, null, [match.intent, used].filter(Boolean).join(' · '));
      }));
    } catch (error) {
      if (sequence === searchSequence) showError(error);
    }
  }

  // ---------------------------------------------------------------- wiring

  $('status').addEventListener('click', hideStatus);  // errors stay until clicked away

  $('message').addEventListener('keydown', (event) => {
    // Enter suggests; Shift+Enter is a new line; Enter that ends an IME composition is not ours.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      suggest();
    }
  });
  $('suggest').addEventListener('click', suggest);

  $('new-chat').addEventListener('click', async () => {
    await refreshChats();
    setChat(nextChatId());
    $('message').value = '';
    $('result').hidden = true;
    $('suggestions').replaceChildren();
    lastResult = null;
    hideStatus();
    showStatus('新会话 ' + chatInput.value, 'ok');
    $('message').focus();
  });

  chatInput.addEventListener('change', () => {
    const id = chatInput.value.trim();
    if (id) setChat(id);
    if (lastResult && lastResult.chat !== id) $('result').hidden = true;
  });

  $('search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, 150);
  });

  // 1–9 copy a suggestion when the focus is not in a text field; Alt+1–9 anywhere.
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.isComposing) return;
    const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code || '');
    if (!match) return;
    if (!event.altKey && (event.shiftKey || isTextField(event.target))) return;
    const items = document.querySelectorAll('#suggestions .reply');
    const index = Number(match[1]) - 1;
    if ($('result').hidden || index >= items.length) return;
    event.preventDefault();
    items[index].querySelector('.copy').click();
  });

  // A paste with the focus outside every text field goes into the message box.
  document.addEventListener('paste', (event) => {
    if (isTextField(document.activeElement)) return;
    const text = event.clipboardData && event.clipboardData.getData('text/plain');
    if (!text) return;
    event.preventDefault();
    const message = $('message');
    message.value = text;
    message.focus();
  });

  // ---------------------------------------------------------------- start

  (async () => {
    let saved = null;
    try { saved = sessionStorage.getItem('huashu.chat'); } catch (_) { /* storage off */ }
    if (saved) setChat(saved);
    await refreshChats();
    if (!chatInput.value.trim()) setChat(nextChatId());
  })();
})();
