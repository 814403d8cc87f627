// huashu pages' shared helpers (loaded before panel.js and editor.js): building DOM nodes
// from text, and calling the API with the answers and errors the pages show.
//
// Served under a strict Content-Security-Policy: no inline script or style, no external
// assets. Every piece of text from the server goes into the DOM through textContent.
'use strict';

window.huashu = (() => {
  /** Creates an element with a class and text (never HTML). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  class ApiError extends Error {
    constructor(message, status, data) {
      super(message);
      this.status = status;
      this.data = data;
    }
  }

  // A token given in the address is kept for this tab and sent as a Bearer header (the server
  // normally turns it into a cookie and redirects, and then there is nothing to do).
  (function keepToken() {
    const params = new URLSearchParams(location.search);
    const token = params.get('token');
    if (!token) return;
    try { sessionStorage.setItem('huashu.token', token); } catch (_) { /* storage off */ }
    params.delete('token');
    const query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
  })();

  /** Calls the huashu API; resolves to the JSON answer or throws an ApiError in Chinese. */
  async function api(path, { method = 'GET', body } = {}) {
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let token = null;
    try { token = sessionStorage.getItem('huashu.token'); } catch (_) { /* storage off */ }
    if (token) init.headers.Authorization = 'Bearer ' + token;

    let response;
    try {
      response = await fetch(path, init);
    } catch (error) {
      throw new ApiError('连不上 huashu 服务（' + error.message + '）。服务还在运行吗？', 0);
    }
    const raw = await response.text();
    let data = null;
    try { data = raw ? JSON.parse(raw) : null; } catch (_) { data = null; }
    if (response.status === 401) throw new ApiError('需要令牌：请用 /?token=… 打开', 401, data);
    if (!response.ok) {
      const detail = data && typeof data.error === 'string' ? data.error : raw.slice(0, 200);
      const prefix = response.status === 413 ? '消息太长（超过 64 KiB）'
        : response.status >= 500 ? '服务出错' : '请求有误';
      throw new ApiError(`${prefix}：${detail || response.statusText}（HTTP ${response.status}）`,
        response.status, data);
    }
    if (data === null || typeof data !== 'object') {
      throw new ApiError('服务的回答不是 JSON（HTTP ' + response.status + '）', response.status);
    }
    return data;
  }

  return Object.freeze({ el, api, ApiError });
})();
