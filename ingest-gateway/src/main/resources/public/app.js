// The chat page: one WebSocket per tab, durable message states, reconnect with backoff and resume.
'use strict';

const $ = (id) => document.getElementById(id);
// lastReplyAt: the newest reply (bot or agent) this tab has. Each pending and unanswered message keeps
// the lastReplyAt of when it was first sent (its cursor): resume starts from the oldest of those.
const state = { token: null, socket: null, conversationId: null, lastReplyAt: null, backoff: 500, pending: new Map(), seen: new Set(), answered: new Set(), unanswered: new Map(), resuming: false, nextResume: 0, resumeWait: 3000 };

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('login-error').textContent = '';
  try {
    const response = await fetch('/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerId: $('customer').value }) });
    if (!response.ok) throw new Error(response.status === 404 ? 'Token route not available (dev mode only) or unknown customer' : `HTTP ${response.status}`);
    state.token = (await response.json()).token;
    $('login').hidden = true;
    $('chat').hidden = false;
    $('profile').hidden = false;
    loadProfile();
    connect();
    $('text').focus();
  } catch (error) {
    $('login-error').textContent = `Could not sign in: ${error.message}`;
  }
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  const clientMessageId = `cm-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const item = addMessage('customer', text, 'sending');
  state.pending.set(clientMessageId, { text, item, cursor: state.lastReplyAt });
  sendFrame({ action: 'sendMessage', text, clientMessageId, conversationId: state.conversationId });
});

function connect() {
  setConnection('connecting', 'Connecting\u2026');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/chat?token=${encodeURIComponent(state.token)}`);
  state.socket = socket;
  socket.onopen = () => { state.backoff = 500; setConnection('online', 'Connected'); };
  socket.onmessage = (event) => handle(JSON.parse(event.data));
  socket.onclose = (event) => {
    // 1008 with a reason: a limit (e.g. too many open tabs); say which, and keep retrying slowly.
    setConnection('offline', event.code === 1008 && event.reason ? event.reason + ' \u2013 retrying\u2026' : 'Disconnected, reconnecting\u2026');
    if (event.code === 1008) state.backoff = Math.max(state.backoff, 5000);
    for (const [, p] of state.pending) setState(p.item, 'failed-retry', 'not sent yet \u2013 will retry');
    const delay = state.backoff + Math.random() * 250;
    state.backoff = Math.min(state.backoff * 2, 15000);
    setTimeout(connect, delay);
  };
}

function handle(frame) {
  switch (frame.type) {
    case 'connected':
      if (!state.conversationId) state.conversationId = frame.conversationId;
      else resume(resumeCursor());   // a reconnect: fetch what arrived while we were away
      for (const [clientMessageId] of state.pending) resend(clientMessageId);
      break;
    case 'ack': {
      const p = state.pending.get(frame.clientMessageId);
      if (p) {
        state.pending.delete(frame.clientMessageId);
        p.item.dataset.messageId = frame.messageId;
        // The reply may have come first (to a resend's ack, live or in a resume): then it is answered already.
        if (state.answered.has(frame.messageId)) setState(p.item, 'replied', 'replied');
        else {
          setState(p.item, 'sent', 'sent');
          // A reply that does not come live (a resend of a message already answered is not answered
          // again; a reply sent while we were away) is in the history: look there after a while.
          state.unanswered.set(frame.messageId, { due: Date.now() + 3000, wait: 3000, cursor: p.cursor });
        }
      }
      break;
    }
    case 'reply': showReply(frame); break;
    case 'history': for (const m of frame.messages) if (m.userId === 'bot' || isAgent(m.userId)) showReply(m); break;
    case 'missed': {
      state.resuming = false;
      for (const m of frame.messages) if (m.userId === 'bot' || isAgent(m.userId)) showReply(m);
      // A full page: ask for the next one, after the last message of this page.
      if (frame.more && frame.messages.length) resume(frame.messages[frame.messages.length - 1].timestamp);
      break;
    }
    case 'error': {
      if (state.resuming && !frame.clientMessageId && frame.retryable) {   // history is down for now: try again
        state.resuming = false;
        setTimeout(() => resume(resumeCursor()), 2000);
        break;
      }
      const p = frame.clientMessageId && state.pending.get(frame.clientMessageId);
      if (p) {
        if (frame.retryable) {
          setState(p.item, 'failed-retry', `not sent yet \u2013 will retry`);
          p.wait = Math.min((p.wait || 1000) * 2, 15000);
          setTimeout(() => { if (state.pending.has(frame.clientMessageId)) resend(frame.clientMessageId); }, p.wait);
        }
        else { state.pending.delete(frame.clientMessageId); setState(p.item, 'failed', frame.message); }
      }
      break;
    }
    default: break;
  }
}

function showReply(reply) {
  if (state.seen.has(reply.messageId)) return; // at-least-once delivery: drop duplicates
  state.seen.add(reply.messageId);
  if (reply.inReplyTo) { state.answered.add(reply.inReplyTo); state.unanswered.delete(reply.inReplyTo); }
  if (!state.lastReplyAt || reply.timestamp > state.lastReplyAt) state.lastReplyAt = reply.timestamp;
  // A support agent's message comes the same way as the bot's; from (live) or userId (history) says who wrote it.
  const agent = isAgent(reply.from) || isAgent(reply.userId);
  const item = agent ? addMessage('agent', reply.text, null, `${reply.fromName || 'Support agent'} \u00b7 support agent`)
    : addMessage('bot', reply.text, null);
  if (agent) item.dataset.from = 'person';
  if (reply.allowed === false) item.classList.add('denied');
  const asked = document.querySelector(`#messages li[data-message-id="${reply.inReplyTo}"]`);
  if (asked) setState(asked, 'replied', 'replied');
}

function isAgent(userId) {
  return typeof userId === 'string' && userId.startsWith('agent:');
}

function addMessage(who, text, status, author) {
  const item = document.createElement('li');
  item.className = who;
  const body = document.createElement('span');
  body.textContent = `${author || (who === 'bot' ? 'Bot' : 'You')}: ${text}`;
  item.appendChild(body);
  if (status) setState(item, status, status);
  $('messages').appendChild(item);
  item.scrollIntoView({ block: 'end' });
  return item;
}

function setState(item, status, label) {
  item.dataset.state = status;
  item.classList.toggle('failed', status.startsWith('failed'));
  let tag = item.querySelector('.state');
  if (!tag) { tag = document.createElement('span'); tag.className = 'state'; item.appendChild(tag); }
  tag.textContent = label;
}

function sendFrame(frame) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(frame));
}

function resend(clientMessageId) {   // the same id: never a second message
  const p = state.pending.get(clientMessageId);
  sendFrame({ action: 'sendMessage', text: p.text, clientMessageId, conversationId: state.conversationId });
}

// Acked messages still without a reply: resume, each message waiting twice as long each time (a person,
// not the bot, may be answering) and given up after a minute. One resume covers every overdue message,
// and the tab waits twice as long between them while any stays unanswered (3 s up to 30 s): when the bot
// is slow or recovering from an outage, asking often only adds to its load.
setInterval(() => {
  const now = Date.now();
  let due = false;
  for (const [messageId, u] of state.unanswered) {
    if (u.due > now) continue;
    due = true;
    u.wait *= 2;
    u.due = now + u.wait;
    if (u.wait > 60000) state.unanswered.delete(messageId);
  }
  if (state.unanswered.size === 0) state.resumeWait = 3000;
  if (due && !state.resuming && now >= state.nextResume) {
    state.nextResume = now + state.resumeWait;
    state.resumeWait = Math.min(state.resumeWait * 2, 30000);
    resume(resumeCursor());
  }
}, 1000);

// Not simply lastReplyAt: a later message's reply can arrive live while an earlier one, pushed to a
// connection that died, is not in the history yet; a cursor past it would skip it for good. A reply
// cannot sort before its message, and its message was sent after the replies we had then.
function resumeCursor() {
  let cursor = state.lastReplyAt;
  for (const m of [...state.pending.values(), ...state.unanswered.values()]) {
    if (!m.cursor) return null;   // sent before any reply: from the conversation's start
    if (m.cursor < cursor) cursor = m.cursor;
  }
  return cursor;
}

function resume(since) {
  state.resuming = true;
  sendFrame(since ? { action: 'resume', conversationId: state.conversationId, since }
    : { action: 'resume', conversationId: state.conversationId });
}

function setConnection(kind, label) {
  $('connection').dataset.state = kind;
  $('connection').textContent = label;
}

async function loadProfile() {
  const response = await fetch('/api/me', { headers: { Authorization: `Bearer ${state.token}` } });
  if (!response.ok) return;
  const me = await response.json();
  $('tier').textContent = `${me.customer.name} \u2013 ${me.tier ? me.tier.level : me.customer.service_level} plan`;
  fill('devices', me.customer.devices.map((d) => `${d.type} in the ${d.location.replace(/_/g, ' ')} (${d.id})`));
  const say = (action) => me.actions[action] || action.replace(/_/g, ' '); // the words come from the request catalogue
  fill('allowed', me.tier ? me.tier.allowed_actions.map(say) : []);
  fill('upgrades', me.upgrades.map((u) => `${u.level}: ${u.adds.map(say).join(', ')}`));
}

function fill(id, items) {
  const list = $(id);
  list.replaceChildren(...items.map((text) => { const li = document.createElement('li'); li.textContent = text; return li; }));
  if (!items.length) { const li = document.createElement('li'); li.textContent = 'nothing'; list.appendChild(li); }
}
