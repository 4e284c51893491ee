/*
 * The Conversations web chat. On any site:
 *   <script src="https://gateway.example/webchat/widget.js" data-service="web:shop" async></script>
 * adds a launcher button and a chat panel; chat.html?service=web:shop shows the same panel as a whole page.
 * A site that knows its signed-in user adds data-user-id and data-user-hash (see the README: signed identity).
 * Plain script, no build step: the visitor token lives in localStorage, messages go to /api/webchat/{service},
 * the conversation arrives as server-sent events and every event is shown once, however often the stream reconnects.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script) {
    return;
  }

  var files = new URL('.', script.src);
  var fullPage = script.hasAttribute('data-full-page');
  var service = script.getAttribute('data-service') || new URLSearchParams(location.search).get('service');
  if (!service) {
    console.error('Conversations web chat: name the chat with data-service (or ?service= on the hosted page).');
    return;
  }

  var userId = script.getAttribute('data-user-id');
  var userHash = script.getAttribute('data-user-hash');
  var endpoint = new URL('../api/webchat/', files).href + encodeURIComponent(service);
  var gateway = new URL('..', files);
  var anonymousKey = 'conversations-webchat:' + service;
  // '#' cannot be in a service identifier, so no user's key is another web chat's anonymous one.
  var storeKey = anonymousKey + (userId ? '#' + userId : '');

  var seen = new Set();
  var pending = new Map();
  var lastId = null;
  var source = null;
  var retryTimer = null;
  var receiptTimer = null;
  var newest = { conversation: null, sequence: 0 };
  var tokenRequest = null;

  function stored(key) {
    try {
      return JSON.parse(localStorage.getItem(key || storeKey)) || {};
    } catch (e) {
      return {};
    }
  }

  /**
   * What a signed-in user's first token request carries: the token this browser chatted with anonymously, so that
   * chat becomes the user's. Once used it is forgotten, so the next anonymous visitor here (the user signed out) starts
   * afresh.
   */
  function signInRequest() {
    var previous = stored(anonymousKey).token;
    return previous ? { userId: userId, userHash: userHash, previousToken: previous } : { userId: userId, userHash: userHash };
  }

  function store(patch) {
    try {
      localStorage.setItem(storeKey, JSON.stringify(Object.assign(stored(), patch)));
    } catch (e) {
      // Storage refused (private mode): the chat still works for this page view.
    }
  }

  function el(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      element.setAttribute(name, attributes[name]);
    });
    if (text) {
      element.textContent = text;
    }
    return element;
  }

  function newId() {
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  // --- The panel -------------------------------------------------------------------------------------------------
  var ids = newId().slice(0, 8);
  var root = el('div', { class: 'cvw-root' + (fullPage ? ' cvw-full' : '') });
  var panel = el('section', { id: 'cvw-panel-' + ids, class: 'cvw-panel', 'aria-label': 'Chat' });
  var header = el('div', { class: 'cvw-header' });
  header.appendChild(el('h2', { class: 'cvw-title' }, 'Chat with us'));
  var endButton = el('button', { type: 'button', class: 'cvw-end' }, 'End chat');
  header.appendChild(endButton);
  var closeButton = el('button', { type: 'button', class: 'cvw-close', 'aria-label': 'Close the chat' }, '\u00d7');
  if (!fullPage) {
    header.appendChild(closeButton);
  }
  var offline = el('p', { class: 'cvw-offline', role: 'status' }, 'Offline \u2014 reconnecting\u2026');
  offline.hidden = true;
  var log = el('ol', { class: 'cvw-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages' });
  var form = el('form', { class: 'cvw-form' });
  form.appendChild(el('label', { for: 'cvw-input-' + ids }, 'Your message'));
  var input = el('textarea', { id: 'cvw-input-' + ids, rows: '2', maxlength: '4096', placeholder: 'Write a message\u2026' });
  form.appendChild(input);
  var fileInput = el('input', { type: 'file', id: 'cvw-file-' + ids, class: 'cvw-file' });
  form.appendChild(fileInput);
  form.appendChild(el('label', { for: 'cvw-file-' + ids, class: 'cvw-attach', title: 'Attach a file' }, 'Attach a file'));
  form.appendChild(el('button', { type: 'submit', class: 'cvw-send' }, 'Send'));
  [header, offline, log, form].forEach(function (part) { panel.appendChild(part); });

  var launcher = el('button', { type: 'button', class: 'cvw-launcher', 'aria-expanded': 'false', 'aria-controls': panel.id }, 'Chat with us');

  function isOpen() {
    return !panel.hidden;
  }

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      input.focus();
      if (!source) {
        connect();
      }
      scheduleReceipt();
    } else {
      launcher.focus();
    }
  }

  function append(item) {
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function note(text) {
    append(el('li', { class: 'cvw-note' }, text));
  }

  // --- Calls -----------------------------------------------------------------------------------------------------
  function token(renew) {
    // A signed-in user's page with an anonymous chat still held here asks anew, to carry that chat over.
    if (!renew && stored().token && !(userId && stored(anonymousKey).token)) {
      return Promise.resolve(stored().token);
    }
    if (!tokenRequest || renew) {
      tokenRequest = fetch(endpoint + '/visitors', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(userId ? signInRequest() : {}),
      }).then(function (response) {
        if (!response.ok) {
          throw new Error('No visitor token: ' + response.status);
        }
        return response.json();
      }).then(function (issued) {
        store({ token: issued.token, conversation: null });
        if (userId) {
          try {
            localStorage.removeItem(anonymousKey);
          } catch (e) {
            // Storage refused: there was nothing stored to forget.
          }
        }
        return issued.token;
      });
      tokenRequest.catch(function () { tokenRequest = null; });
    }
    return tokenRequest;
  }

  function call(path, body, renewed) {
    return token().then(function (visitorToken) {
      return fetch(endpoint + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + visitorToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    }).then(function (response) {
      // An expired token: this browser becomes a new visitor once.
      if (response.status === 401 && !renewed) {
        return token(true).then(function () { return call(path, body, true); });
      }
      if (!response.ok) {
        throw new Error(path + ': ' + response.status);
      }
      return response;
    });
  }

  function send(text, clientMessageId, attempt, attachmentId) {
    call('/messages', { text: text, clientMessageId: clientMessageId, attachmentId: attachmentId }).catch(function () {
      // The same client message id makes a retry the same message, never a second one.
      if (attempt < 5) {
        setTimeout(function () { send(text, clientMessageId, attempt + 1, attachmentId); }, 2000 * (attempt + 1));
      } else if (pending.has(clientMessageId)) {
        pending.get(clientMessageId).classList.add('cvw-failed');
      }
    });
  }

  /** The file as it is (its bytes, its type); the gateway answers the upload's id for a message to carry. */
  function upload(file) {
    return token().then(function (visitorToken) {
      return fetch(endpoint + '/uploads?name=' + encodeURIComponent(file.name), {
        method: 'POST',
        headers: { 'Content-Type': file.type || 'application/octet-stream', Authorization: 'Bearer ' + visitorToken },
        body: file,
      });
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('upload: ' + response.status);
      }
      return response.json();
    });
  }

  function scheduleReceipt() {
    clearTimeout(receiptTimer);
    receiptTimer = setTimeout(function () {
      if (newest.sequence > 0) {
        var read = isOpen() && document.visibilityState === 'visible';
        call('/receipts', { outcome: read ? 'READ' : 'DELIVERED', upToSequence: newest.sequence }).catch(function () {});
      }
    }, 300);
  }

  // --- The live stream -------------------------------------------------------------------------------------------
  function setOffline(down) {
    offline.hidden = !down;
  }

  function connect() {
    clearTimeout(retryTimer);
    if (source) {
      source.close();
    }
    if (!navigator.onLine) {
      setOffline(true);
      return;
    }
    token().then(function (visitorToken) {
      // A reloaded page asks for its last conversation from the start; a reconnect from where it was.
      var after = lastId || (stored().conversation ? stored().conversation + ':0' : '');
      source = new EventSource(endpoint + '/events?token=' + encodeURIComponent(visitorToken) + (after ? '&after=' + encodeURIComponent(after) : ''));
      source.onopen = function () { setOffline(false); };
      source.onerror = function () {
        setOffline(true);
        // EventSource retries a dropped stream by itself; a refused one it gives up on: start again from scratch.
        if (source.readyState === EventSource.CLOSED) {
          lastId = null;
          store({ conversation: null });
          retryTimer = setTimeout(connect, 3000);
        }
      };
      ['message', 'agent-joined', 'agent-left'].forEach(function (name) { source.addEventListener(name, show); });
    }, function () {
      setOffline(true);
      retryTimer = setTimeout(connect, 5000);
    });
  }

  function show(event) {
    lastId = event.lastEventId;
    var shown = JSON.parse(event.data);
    if (stored().conversation !== shown.conversationId) {
      store({ conversation: shown.conversationId });
    }
    var key = shown.conversationId + ':' + shown.sequence;
    if (seen.has(key)) {
      return;
    }
    seen.add(key);
    if (event.type === 'agent-joined') {
      note('An agent joined the chat.');
    } else if (event.type === 'agent-left') {
      note('The agent left the chat.');
    } else {
      showMessage(shown);
    }
    if (shown.from === 'BOT' || shown.from === 'AGENT') {
      if (newest.conversation !== shown.conversationId) {
        newest = { conversation: shown.conversationId, sequence: 0 };
      }
      newest.sequence = Math.max(newest.sequence, shown.sequence);
      scheduleReceipt();
    }
  }

  function showMessage(message) {
    var item = message.clientMessageId && pending.get(message.clientMessageId);
    if (item) {
      pending.delete(message.clientMessageId);
      item.classList.remove('cvw-pending');
    } else {
      var from = message.from.toLowerCase();
      item = el('li', { class: 'cvw-from-' + from });
      if (from !== 'customer') {
        item.appendChild(el('span', { class: 'cvw-who' }, from === 'agent' ? 'Agent' : from === 'bot' ? 'Assistant' : 'Notice'));
      }
      item.appendChild(document.createTextNode(message.text || ''));
      append(item);
    }
    (message.attachments || []).forEach(function (file) {
      var link = el('a', { class: 'cvw-file-link', href: new URL(file.url.replace(/^\//, ''), gateway).href, target: '_blank', rel: 'noopener' },
        file.name || file.contentType);
      item.appendChild(link);
    });
    item.setAttribute('data-sequence', String(message.sequence));
  }

  // --- Wiring ----------------------------------------------------------------------------------------------------
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) {
      return;
    }
    input.value = '';
    var clientMessageId = newId();
    var item = el('li', { class: 'cvw-from-customer cvw-pending' }, text);
    pending.set(clientMessageId, item);
    append(item);
    if (!source) {
      connect();
    }
    send(text, clientMessageId, 0);
  });
  fileInput.addEventListener('change', function () {
    var file = fileInput.files[0];
    fileInput.value = '';
    if (!file) {
      return;
    }
    var clientMessageId = newId();
    var item = el('li', { class: 'cvw-from-customer cvw-pending' }, file.name);
    pending.set(clientMessageId, item);
    append(item);
    if (!source) {
      connect();
    }
    upload(file).then(function (stored) {
      send('', clientMessageId, 0, stored.id);
    }, function () {
      item.classList.add('cvw-failed');
      note('The file could not be sent (too big, or not allowed).');
    });
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  endButton.addEventListener('click', function () {
    call('/end').then(function () { note('You ended the chat.'); }, function () { note('The chat could not be ended; try again.'); });
  });
  launcher.addEventListener('click', function () { setOpen(!isOpen()); });
  closeButton.addEventListener('click', function () { setOpen(false); });
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !fullPage) {
      setOpen(false);
    }
  });
  document.addEventListener('visibilitychange', scheduleReceipt);
  window.addEventListener('offline', function () {
    if (source) {
      source.close();
    }
    setOffline(true);
  });
  window.addEventListener('online', function () {
    if (source) {
      connect();
    }
  });

  function mount() {
    if (fullPage) {
      (document.getElementById('cvw-hosted') || document.body).appendChild(root);
    } else {
      if (!document.querySelector('link[data-cvw-style]')) {
        document.head.appendChild(el('link', { rel: 'stylesheet', href: new URL('webchat.css', files).href, 'data-cvw-style': '' }));
      }
      panel.hidden = true;
      root.appendChild(launcher);
      document.body.appendChild(root);
    }
    root.appendChild(panel);
    // A visitor who already chatted sees what came meanwhile; others connect when they first open the chat.
    if (fullPage || stored().token) {
      connect();
    }
  }

  if (document.body) {
    mount();
  } else {
    document.addEventListener('DOMContentLoaded', mount);
  }
}());
