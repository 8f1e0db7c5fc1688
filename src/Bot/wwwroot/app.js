// The web chat page: Bot Framework Web Chat connected to this host's Direct Line endpoint, branded from
// /webchat/config.json, with a ticket button, a new-conversation button and a debug panel fed by the bot's channelData.
(function () {
  'use strict';
  var USER_KEY = 'msp-webchat-user';
  var CONVERSATION_KEY = 'msp-webchat-conversation';
  var config;
  var directLine;
  var store;
  var saveTimer;

  function $(id) { return document.getElementById(id); }
  function status(text) { $('status').textContent = text || ''; }

  function browserUserId() {
    var id = localStorage.getItem(USER_KEY);
    if (!id) {
      var bytes = new Uint8Array(12);
      crypto.getRandomValues(bytes);
      id = 'web-' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
      localStorage.setItem(USER_KEY, id);
    }
    return id;
  }

  function signedIdentity() {
    // The embedding portal hands its signed identity over as window.MSP_IDENTITY_TOKEN or in the fragment (#identity=...).
    var match = /(?:^|[#&])identity=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem('msp-webchat-identity', decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
    return window.MSP_IDENTITY_TOKEN || sessionStorage.getItem('msp-webchat-identity');
  }

  function post(path, token, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) { headers.Authorization = 'Bearer ' + token; }
    return fetch(config.directLineDomain + path, { method: 'POST', headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        if (!response.ok) { throw new Error(path + ' answered ' + response.status); }
        return response.json();
      });
  }

  function saved() {
    try { return JSON.parse(localStorage.getItem(CONVERSATION_KEY)); } catch (e) { return null; }
  }

  function save(conversationId, token) {
    localStorage.setItem(CONVERSATION_KEY, JSON.stringify({ conversationId: conversationId, token: token }));
  }

  // A reload resumes the stored conversation with a refreshed token; otherwise (or when that fails) a new one starts.
  function connection() {
    var previous = saved();
    var resume = previous && previous.token
      ? post('/tokens/refresh', previous.token).then(function (r) { return { conversationId: r.conversationId, token: r.token, resume: true }; })
      : Promise.reject(new Error('nothing to resume'));
    return resume.catch(function () {
      localStorage.removeItem(CONVERSATION_KEY);
      var generated = config.authMode === 'signed'
        ? post('/tokens/generate', signedIdentity())
        : post('/tokens/generate', null, { user: { id: browserUserId() } });
      return generated.then(function (r) { return { conversationId: r.conversationId, token: r.token, resume: false }; });
    });
  }

  function addDebug(activity) {
    var d = activity.channelData.mspDebug;
    var item = document.createElement('li');
    item.className = 'debug-entry';
    var list = document.createElement('dl');
    var rows = [
      ['Route', 'tier ' + d.tier + (d.requestedTier !== d.tier ? ' (asked ' + d.requestedTier + ')' : '') + ': ' + d.route],
      ['Model', d.model || 'none (deterministic)'],
      ['Latency', d.latencyMs + ' ms'],
      ['Tokens', d.inputTokens + ' in / ' + d.outputTokens + ' out'],
      ['Citations', (d.citations || []).map(function (c) { return '[' + c.number + '] ' + c.title; }).join('; ') || 'none']
    ];
    rows.forEach(function (row) {
      var dt = document.createElement('dt'); dt.textContent = row[0];
      var dd = document.createElement('dd'); dd.textContent = row[1];
      list.appendChild(dt); list.appendChild(dd);
    });
    item.appendChild(list);
    $('debug-entries').appendChild(item);
  }

  function render(fresh) {
    if (directLine) { directLine.end(); directLine = null; }
    if (fresh) { localStorage.removeItem(CONVERSATION_KEY); }
    $('debug-entries').textContent = '';
    status('');
    return connection().then(function (c) {
      save(c.conversationId, c.token);
      directLine = window.WebChat.createDirectLine({
        domain: location.origin + config.directLineDomain,
        token: c.token,
        conversationId: c.resume ? c.conversationId : undefined,
        webSocket: true
      });
      document.body.removeAttribute('data-connected');
      directLine.connectionStatus$.subscribe(function (state) {
        // 2 is Online in the Direct Line client; the attribute lets tests and styles know the chat is live.
        if (state === 2) { document.body.setAttribute('data-connected', 'true'); }
      });
      store = window.WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
              var activity = action.payload.activity;
              if (activity.channelData && activity.channelData.mspDebug) { addDebug(activity); }
            }
            return next(action);
          };
        };
      });
      // Web Chat refreshes its token itself; keep the newest one for the next reload.
      clearInterval(saveTimer);
      saveTimer = setInterval(function () { if (directLine && directLine.token) { save(c.conversationId, directLine.token); } }, 30000);
      var host = document.createElement('div');
      host.className = 'webchat';
      host.style.height = '100%';
      $('chat').replaceChildren(host);
      window.WebChat.renderWebChat({
        directLine: directLine,
        store: store,
        locale: 'en-US',
        styleOptions: {
          accent: config.primaryColor,
          bubbleFromUserBackground: config.primaryColor,
          bubbleFromUserTextColor: '#ffffff',
          botAvatarInitials: 'AI',
          userAvatarInitials: 'You',
          hideUploadButton: true,
          sendBoxTextWrap: true
        }
      }, host);
      host.querySelector('input, textarea') && host.querySelector('input, textarea').focus();
    }).catch(function (e) {
      status('Could not connect to the assistant: ' + e.message + '. Reload the page to try again.');
    });
  }

  function bind() {
    $('new-conversation').addEventListener('click', function () { render(true); });
    $('create-ticket').addEventListener('click', function () {
      if (store) { store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: 'create a ticket' } }); }
    });
    $('toggle-debug').addEventListener('click', function () {
      var panel = $('debug');
      panel.hidden = !panel.hidden;
      this.setAttribute('aria-expanded', String(!panel.hidden));
      this.setAttribute('aria-label', panel.hidden ? 'Show the debug panel' : 'Hide the debug panel');
    });
    window.addEventListener('pagehide', function () {
      var current = saved();
      if (current && directLine && directLine.token) { save(current.conversationId, directLine.token); }
    });
  }

  fetch('/webchat/config.json').then(function (r) { return r.json(); }).then(function (c) {
    config = c;
    document.title = c.mspName + ' support chat';
    $('msp-name').textContent = c.mspName + ' support';
    document.documentElement.style.setProperty('--primary', c.primaryColor);
    document.documentElement.style.setProperty('--background', c.backgroundColor);
    if (!window.WebChat) {
      status('The chat component (webchat.js) is missing: run src/Bot/Channels/WebChat/fetch-webchat.sh, then reload.');
      return;
    }
    bind();
    render(false);
  });
}());
