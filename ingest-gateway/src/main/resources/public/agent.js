// The support agent console: the live queue of handed-off conversations, and one conversation at a
// time to claim, answer and resolve. The processor decides every step; this page shows what it decided.
'use strict';

const $ = (id) => document.getElementById(id);
const state = {
  token: null, agentId: null, socket: null, backoff: 500,
  queue: [], queueAt: 0,                   // the last queue frame and when it came
  selected: null, shown: new Set(),        // the open conversation and the message ids already in its transcript
};

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('signin-error').textContent = '';
  try {
    const pasted = $('token').value.trim();
    if (pasted) {
      state.token = pasted;
    } else {
      const response = await fetch('/dev/agent-token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ agentId: $('agent').value }) });
      if (!response.ok) throw new Error(response.status === 404 ? 'agent tokens are issued here only in dev mode' : `HTTP ${response.status}`);
      state.token = (await response.json()).token;
    }
    connect();
  } catch (error) {
    $('signin-error').textContent = `Could not sign in: ${error.message}`;
  }
});

$('claim').addEventListener('click', () => act('claim'));
$('resolve').addEventListener('click', () => act('resolve'));
$('reply-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('reply').value.trim();
  if (!text || !state.selected) return;
  act('sendMessage', { text });
});

function act(action, extra = {}) {
  if (!state.selected) return;
  const clientMessageId = `am-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  sendFrame({ action, conversationId: state.selected, clientMessageId, ...extra });
  notice(action === 'sendMessage' ? 'Sending\u2026' : action === 'claim' ? 'Claiming\u2026' : 'Resolving\u2026');
}

function connect() {
  setConnection('connecting', 'Connecting\u2026');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/agent/socket?token=${encodeURIComponent(state.token)}`);
  state.socket = socket;
  let opened = false;
  socket.onopen = () => { opened = true; state.backoff = 500; setConnection('online', 'Connected'); };
  socket.onmessage = (event) => handle(JSON.parse(event.data));
  socket.onclose = () => {
    if (!opened && !state.agentId) {  // the upgrade itself was refused: a bad or non-agent token
      setConnection('offline', 'Not connected');
      $('signin-error').textContent = 'Could not sign in: the gateway refused this token (an agent token is needed)';
      return;
    }
    setConnection('offline', 'Disconnected, reconnecting\u2026');
    const delay = state.backoff + Math.random() * 250;
    state.backoff = Math.min(state.backoff * 2, 15000);
    setTimeout(connect, delay);
  };
}

function handle(frame) {
  switch (frame.type) {
    case 'connected':
      state.agentId = frame.agentId;
      $('agent-name').textContent = `\u2013 ${frame.name}`;
      $('signin-section').hidden = true;
      $('queue-section').hidden = false;
      if (state.selected) sendFrame({ action: 'history', conversationId: state.selected }); // catch up after a reconnect
      break;
    case 'queue':
      state.queue = frame.handoffs;
      state.queueAt = Date.now();
      renderQueue();
      renderSelected();
      break;
    case 'event': onEvent(frame.event); break;
    case 'history':
      if (frame.conversationId === state.selected) for (const m of [...frame.messages].reverse()) showMessage(m);
      break;
    case 'ack': notice(frame.clientMessageId && frame.clientMessageId.startsWith('am-') ? 'Stored \u2013 waiting for the processor' : ''); break;
    case 'error': notice(frame.message, 'error', frame.code); break;
    default: break;
  }
}

/** A step of some handoff, as on servicebot.handoffs.v1. */
function onEvent(event) {
  if (event.conversationId !== state.selected) return;
  switch (event.kind) {
    case 'customer_message':
      showMessage({ messageId: event.messageId, userId: event.customerId, text: event.text, timestamp: event.timestamp });
      break;
    case 'agent_message':
      showMessage({ messageId: event.messageId, userId: `agent:${event.agentId}`, name: event.agentName, text: event.text, timestamp: event.timestamp });
      if (event.agentId === state.agentId) { $('reply').value = ''; notice('Sent to the customer'); }
      break;
    case 'claimed': notice(event.agentId === state.agentId ? 'You have this conversation' : `Claimed by ${event.agentName}`); break;
    case 'resolved': notice(`Resolved by ${event.agentName || 'an agent'}: the bot answers again`); break;
    case 'refused': notice(`Refused: ${event.refusal}`, 'error'); break;
    default: break;
  }
}

function renderQueue() {
  const list = $('queue');
  const focused = document.activeElement && document.activeElement.closest('li.handoff'); // keep keyboard focus across updates
  const focusedId = focused && focused.dataset.conversationId;
  list.replaceChildren(...state.queue.map((h) => {
    const item = document.createElement('li');
    item.className = 'handoff';
    item.dataset.conversationId = h.conversationId;
    item.dataset.status = h.status;
    item.dataset.priority = h.priority || 'none';
    if (h.conversationId === state.selected) item.setAttribute('aria-current', 'true');
    const button = document.createElement('button');
    button.type = 'button';
    button.append(line('who', `${h.customerName || h.customerId} (${h.customerId})`),
      line('what', `${h.serviceLevel || 'no tier'} \u00b7 ${h.priority || 'no priority'} priority \u00b7 ${reasonInWords(h.reason)}`),
      line('wait', ''));
    button.addEventListener('click', () => select(h.conversationId));
    item.appendChild(button);
    return item;
  }));
  tick();
  if (focusedId) {
    const again = list.querySelector(`li[data-conversation-id="${CSS.escape(focusedId)}"] button`);
    if (again) again.focus();
  }
  $('queue-empty').hidden = state.queue.length > 0;
  $('queue-count').textContent = `(${state.queue.length})`;
}

function select(conversationId) {
  state.selected = conversationId;
  state.shown = new Set();
  $('transcript').replaceChildren();
  $('conversation').hidden = false;
  notice('');
  renderQueue();
  renderSelected();
  sendFrame({ action: 'history', conversationId });
}

/** The buttons follow the queue: claim while waiting, write once it is yours, resolve unless someone else has it. */
function renderSelected() {
  if (!state.selected) return;
  const h = state.queue.find((x) => x.conversationId === state.selected);
  const mine = h && h.status === 'claimed' && h.agentId === state.agentId;
  $('conversation-title').textContent = h ? `Conversation with ${h.customerName || h.customerId}` : 'Conversation (no longer handed off)';
  $('conversation-meta').textContent = h ? `${h.customerId} \u00b7 ${h.serviceLevel || 'no tier'} \u00b7 ${reasonInWords(h.reason)} \u00b7 `
    + (h.status === 'claimed' ? `claimed by ${mine ? 'you' : h.agentName}` : 'waiting for someone to claim it') : '';
  $('claim').disabled = !h || h.status !== 'waiting';
  $('resolve').disabled = !h || (h.status === 'claimed' && !mine);
  $('reply').disabled = !mine;
  $('send').disabled = !mine;
}

function showMessage(m) {
  if (!m.messageId || state.shown.has(m.messageId)) return; // history and live events overlap
  state.shown.add(m.messageId);
  const who = m.userId === 'bot' ? 'bot' : m.userId.startsWith('agent:') ? 'agent' : 'customer';
  const item = document.createElement('li');
  item.className = who;
  item.dataset.messageId = m.messageId;
  const author = who === 'bot' ? 'Bot' : who === 'agent' ? (m.name || m.userId.slice('agent:'.length)) : 'Customer';
  const body = document.createElement('span');
  body.textContent = `${author}: ${m.text}`;
  const at = document.createElement('time');
  at.dateTime = m.timestamp || '';
  at.textContent = m.timestamp ? new Date(m.timestamp).toLocaleTimeString() : '';
  item.append(body, at);
  // Keep the transcript in time order: history pages and live events may arrive interleaved.
  const later = [...$('transcript').children].find((li) => li.querySelector('time').dateTime > (m.timestamp || ''));
  $('transcript').insertBefore(item, later || null);
  item.scrollIntoView({ block: 'nearest' });
}

function line(className, text) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

function reasonInWords(reason) {
  return { asked: 'asked for a person', not_understood: 'the bot did not understand', denied_twice: 'denied twice' }[reason] || 'handed off';
}

function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

function notice(text, kind = 'info', code) {
  $('notice').textContent = text;
  $('notice').dataset.kind = kind;
  if (code) $('notice').dataset.code = code; else delete $('notice').dataset.code;
}

function sendFrame(frame) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(frame));
}

function setConnection(kind, label) {
  $('connection').dataset.state = kind;
  $('connection').textContent = label;
}

/** How long each handoff has waited against its target, counted on from the last queue frame. */
function tick() {
  const since = Math.max(0, Math.round((Date.now() - state.queueAt) / 1000));
  for (const h of state.queue) {
    const item = $('queue').querySelector(`li[data-conversation-id="${CSS.escape(h.conversationId)}"]`);
    if (!item) continue;
    const waited = h.waitingSeconds + since;
    const overdue = h.status === 'waiting' && waited > h.targetSeconds;
    item.classList.toggle('overdue', overdue);
    item.querySelector('.wait').textContent = h.status === 'claimed' ? `claimed by ${h.agentName}`
      : `waited ${duration(waited)} of ${duration(h.targetSeconds)} target${overdue ? ' \u2013 overdue' : ''}`;
  }
}

setInterval(tick, 1000); // waits count up without a reload
