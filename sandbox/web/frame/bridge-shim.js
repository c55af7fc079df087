/*
 * Loaded by every Custom UI frame BEFORE the app bundle (the server adds a same-origin `<script src>` to the
 * frame's index.html, with the frame's configuration in its `data-frame` attribute), so that the real
 * @forge/bridge finds `globalThis.__bridge.callBridge(name, payload)` when its modules load. Being a file,
 * not inline code, it runs under the frame's Content-Security-Policy exactly as Forge's own bootstrap does.
 * The file is the same for every frame, so the browser keeps it; `data-frame` holds { token, bridgeUrl, moduleKey,
 * theme, clockNow } of this frame.
 *
 * Page concerns (flags, router, events between frames, submit/close, modal, the theme) go to the parent window with
 * postMessage; everything else is POSTed to the server, which knows who this frame belongs to by its token.
 * The frame also reports its content height so the parent can size the iframe, as Jira does.
 */
(function () {
  'use strict';
  var cfg = JSON.parse(document.currentScript.getAttribute('data-frame'));

  // The frame's clock is the sandbox's simulated clock (Jira's frames see real time, which the simulated clock
  // stands for here): it runs on at real pace from the simulated time and is set again on every clock step.
  var RealDate = Date;
  var clockOffset = cfg.clockNow ? RealDate.parse(cfg.clockNow) - RealDate.now() : 0;
  function SimDate() {
    if (!new.target) return new RealDate(RealDate.now() + clockOffset).toString();
    var args = arguments.length === 0 ? [RealDate.now() + clockOffset] : Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args, new.target);
  }
  SimDate.prototype = RealDate.prototype;
  SimDate.now = function () {
    return RealDate.now() + clockOffset;
  };
  SimDate.parse = RealDate.parse;
  SimDate.UTC = RealDate.UTC;
  window.Date = SimDate;
  var HOST = 'forge-sandbox-host';
  var FRAME = 'forge-sandbox-frame';
  var PARENT_CALLS = {
    showFlag: 1,
    closeFlag: 1,
    navigate: 1,
    reload: 1,
    refresh: 1,
    submit: 1,
    close: 1,
    onClose: 1,
    open: 1,
    openModal: 1,
    changeWindowTitle: 1,
    getUrl: 1,
  };
  var seq = 0;
  var pending = {};
  var subscriptions = {};
  // workflowRules.onConfigure(cb) of @forge/jira-bridge: the callback stays in the frame; the page asks for it on Save.
  var configureCallback = null;

  function plain(value) {
    // Functions (e.g. Modal's onClose) cannot cross postMessage; drop them like JSON does.
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  function toParent(type, data) {
    var message = { source: FRAME, token: cfg.token, type: type };
    for (var k in data) message[k] = data[k];
    window.parent.postMessage(message, '*');
  }

  function askParent(name, payload) {
    return new Promise(function (resolve, reject) {
      var id = ++seq;
      pending[id] = { resolve: resolve, reject: reject };
      toParent('call', { id: id, name: name, payload: plain(payload) });
    });
  }

  function askServer(name, payload) {
    return fetch(cfg.bridgeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: name, payload: payload === undefined ? null : payload }),
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) {
          var error = new Error(json && json.error ? json.error : 'Bridge call ' + name + ' failed: ' + response.status);
          throw error;
        }
        return json.result;
      });
    });
  }

  function subscribe(event, callback, isPublic) {
    var id = 's' + ++seq;
    subscriptions[id] = { event: event, callback: callback, isPublic: isPublic };
    return Promise.resolve({
      unsubscribe: function () {
        delete subscriptions[id];
      },
    });
  }

  function createHistory() {
    var listeners = [];
    var entries = [{ pathname: '/', search: '', hash: '', state: undefined, key: 'default' }];
    var index = 0;
    function parse(to, state) {
      if (typeof to !== 'string')
        return { pathname: to.pathname || '/', search: to.search || '', hash: to.hash || '', state: state, key: String(++seq) };
      var m = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(to) || [];
      return { pathname: m[1] || '/', search: m[2] || '', hash: m[3] || '', state: state, key: String(++seq) };
    }
    function notify(action) {
      history.location = entries[index];
      history.action = action;
      listeners.slice().forEach(function (l) {
        l(history.location, action);
      });
    }
    var history = {
      action: 'POP',
      location: entries[0],
      get length() {
        return entries.length;
      },
      push: function (to, state) {
        entries = entries.slice(0, index + 1);
        entries.push(parse(to, state));
        index++;
        notify('PUSH');
      },
      replace: function (to, state) {
        entries[index] = parse(to, state);
        notify('REPLACE');
      },
      go: function (n) {
        var next = Math.max(0, Math.min(entries.length - 1, index + n));
        if (next !== index) {
          index = next;
          notify('POP');
        }
      },
      back: function () {
        history.go(-1);
      },
      goBack: function () {
        history.go(-1);
      },
      forward: function () {
        history.go(1);
      },
      goForward: function () {
        history.go(1);
      },
      listen: function (listener) {
        listeners.push(listener);
        return function () {
          listeners = listeners.filter(function (l) {
            return l !== listener;
          });
        };
      },
      block: function () {
        return function () {};
      },
      createHref: function (to) {
        return typeof to === 'string' ? to : (to.pathname || '') + (to.search || '') + (to.hash || '');
      },
    };
    return history;
  }

  var themingEnabled = false;
  var stylesheetsLoaded = false;

  function loadTokenStylesheets() {
    if (stylesheetsLoaded || !cfg.theme) return;
    stylesheetsLoaded = true;
    cfg.theme.stylesheets.forEach(function (href) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.setAttribute('data-forge-sandbox-tokens', '');
      document.head.appendChild(link);
    });
  }

  function applyTheme(colorMode) {
    var mode = colorMode === 'dark' ? 'dark' : 'light';
    var attributes = (cfg.theme && cfg.theme.attributes[mode]) || { 'data-color-mode': mode };
    Object.keys(attributes).forEach(function (name) {
      document.documentElement.setAttribute(name, attributes[name]);
    });
  }

  function callBridge(name, payload) {
    try {
      switch (name) {
        case 'on':
          return subscribe(payload.event, payload.callback, false);
        case 'onPublic':
          return subscribe(payload.event, payload.callback, true);
        case 'emit':
        case 'emitPublic':
          return askParent('emit', { event: payload.event, payload: payload.payload, isPublic: name === 'emitPublic' });
        case 'createHistory':
          return Promise.resolve(createHistory());
        case 'setWorkflowRuleConfigurationCallback': {
          var fn = payload && payload.data ? payload.data.onConfigure : undefined;
          if (typeof fn !== 'function') return Promise.resolve(false);
          configureCallback = fn;
          toParent('configurable', {});
          return Promise.resolve(true);
        }
        case 'enableTheming':
          // As on Forge: the frame follows the host's theme from now on, with Atlassian's token stylesheets.
          return askParent('getTheme', {}).then(function (theme) {
            themingEnabled = true;
            loadTokenStylesheets();
            applyTheme(theme && theme.colorMode);
          });
        default:
          if (PARENT_CALLS[name]) return askParent(name, payload);
          return askServer(name, payload);
      }
    } catch (error) {
      return Promise.reject(error);
    }
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent) return;
    var m = event.data;
    if (!m || m.source !== HOST) return;
    if (m.type === 'reply' && pending[m.id]) {
      var p = pending[m.id];
      delete pending[m.id];
      if (m.error) p.reject(new Error(m.error));
      else p.resolve(m.result);
    } else if (m.type === 'configure') {
      // The page's Save: run the app's onConfigure callback and hand its string back, as Jira does.
      var id = m.id;
      if (!configureCallback) {
        toParent('configuration', { id: id, error: 'The configuration view has not registered workflowRules.onConfigure().' });
        return;
      }
      Promise.resolve()
        .then(function () {
          return configureCallback();
        })
        .then(
          function (result) {
            toParent('configuration', { id: id, result: result });
          },
          function (error) {
            toParent('configuration', { id: id, error: error && error.message ? error.message : String(error) });
          },
        );
    } else if (m.type === 'theme') {
      // The host switched between light and dark: only frames that enabled theming follow.
      if (themingEnabled) applyTheme(m.colorMode);
    } else if (m.type === 'clock' && typeof m.now === 'string') {
      clockOffset = RealDate.parse(m.now) - RealDate.now();
    } else if (m.type === 'event') {
      Object.keys(subscriptions).forEach(function (id) {
        var s = subscriptions[id];
        if (s && s.event === m.event && s.isPublic === !!m.isPublic) {
          try {
            s.callback(m.payload);
          } catch (e) {
            console.error(e);
          }
        }
      });
    }
  });

  window.__bridge = { callBridge: callBridge };

  // Auto-resize: report the content height whenever it changes.
  var lastHeight = -1;
  function reportHeight() {
    var body = document.body;
    if (!body) return;
    var style = window.getComputedStyle(body);
    var height = Math.ceil(body.getBoundingClientRect().bottom + (parseFloat(style.marginBottom) || 0));
    if (height !== lastHeight) {
      lastHeight = height;
      toParent('resize', { height: height });
    }
  }
  function startResizing() {
    if (typeof ResizeObserver === 'function') new ResizeObserver(reportHeight).observe(document.body);
    reportHeight();
  }
  if (document.body) startResizing();
  else document.addEventListener('DOMContentLoaded', startResizing);
  window.addEventListener('load', reportHeight);
})();
