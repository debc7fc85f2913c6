/**
 * The Redis side of GCRA: Lua scripts that mirror `gcra.ts` step for step, so one
 * script call checks and consumes every counter of a request atomically (Redis runs
 * a script to completion before any other command). Counters are strings
 * `"<tatMs> <frac> <denom>"` with a PX expiry at the TAT (plus a second): an expired
 * counter and an absent one mean the same.
 *
 * Lua 5.1 numbers are doubles; every value here stays below 2^53 for the reasons
 * given in gcra.ts, and `string.format('%d')` writes them without exponent.
 */

const prelude = `
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[1])
end

local function load(key, denom)
  local raw = redis.call('GET', key)
  if not raw then return now, 0 end
  local ms, frac, den = string.match(raw, '^(%-?%d+) (%d+) (%d+)$')
  if not ms then return now, 0 end
  ms, frac, den = tonumber(ms), tonumber(frac), tonumber(den)
  if den ~= denom then
    frac = math.ceil(frac * denom / den)
    if frac >= denom then ms = ms + 1; frac = frac - denom end
  end
  if ms > now or (ms == now and frac > 0) then return ms, frac end
  return now, 0
end

local function advance(ms, frac, denom, stepMs, stepRem, cost)
  local q = math.floor(cost / denom)
  local r = cost % denom
  local fs = frac + r * stepRem
  return ms + cost * stepMs + q * stepRem + math.floor(fs / denom), fs % denom
end

local function store(key, ms, frac, denom)
  redis.call('SET', key, string.format('%d %d %d', ms, frac, denom), 'PX', string.format('%d', ms - now + 1000))
end
`;

/**
 * KEYS: the counters. ARGV[1]: now (ms) or '' for the Redis clock; then per counter
 * denom, stepMs, stepRem, windowMs, windowFrac, cost, flags (1 hard + 2 consume).
 * Returns { admitted, then per counter: allowed, tatMs - now, tatFrac, retryAfterMs }.
 */
export const CONSUME_LUA = `${prelude}
local n = #KEYS
local cur, nxt, ok, retry, args = {}, {}, {}, {}, {}
local admitted = 1
for i = 1, n do
  local b = 2 + (i - 1) * 7
  local a = {}
  for j = 0, 6 do a[j + 1] = tonumber(ARGV[b + j]) end
  args[i] = a
  local denom, stepMs, stepRem, winMs, winFrac, cost, flags = a[1], a[2], a[3], a[4], a[5], a[6], a[7]
  local ms, frac = load(KEYS[i], denom)
  local nMs, nFrac = advance(ms, frac, denom, stepMs, stepRem, cost)
  local lMs = now + winMs
  local fits = nMs < lMs or (nMs == lMs and nFrac <= winFrac)
  cur[i] = { ms, frac }
  nxt[i] = { nMs, nFrac }
  ok[i] = fits
  retry[i] = 0
  if not fits then
    local wait = nMs - lMs
    if nFrac > winFrac then wait = wait + 1 end
    retry[i] = wait
    if flags % 2 == 1 then admitted = 0 end
  end
end
local out = { admitted }
for i = 1, n do
  local a = args[i]
  local consume = math.floor(a[7] / 2) % 2 == 1
  local tat = cur[i]
  if admitted == 1 and consume and ok[i] then
    tat = nxt[i]
    store(KEYS[i], tat[1], tat[2], a[1])
  end
  out[#out + 1] = ok[i] and 1 or 0
  out[#out + 1] = tat[1] - now
  out[#out + 1] = tat[2]
  out[#out + 1] = retry[i]
end
return out
`;

/** KEYS: the counters. ARGV[1]: now or ''; then per counter denom, stepMs, stepRem, cost. */
export const CHARGE_LUA = `${prelude}
for i = 1, #KEYS do
  local b = 2 + (i - 1) * 4
  local denom, stepMs, stepRem, cost = tonumber(ARGV[b]), tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3])
  local ms, frac = load(KEYS[i], denom)
  local nMs, nFrac = advance(ms, frac, denom, stepMs, stepRem, cost)
  store(KEYS[i], nMs, nFrac, denom)
end
return #KEYS
`;

/**
 * Adds counts a node made alone (while Redis was away) to the shared counters.
 * KEYS: the counters. ARGV[1]: now or ''; then per counter debtMs, debtFrac, denom.
 */
export const MERGE_LUA = `${prelude}
for i = 1, #KEYS do
  local b = 2 + (i - 1) * 3
  local debtMs, debtFrac, denom = tonumber(ARGV[b]), tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2])
  local ms, frac = load(KEYS[i], denom)
  ms = ms + debtMs
  frac = frac + debtFrac
  if frac >= denom then ms = ms + 1; frac = frac - denom end
  store(KEYS[i], ms, frac, denom)
end
return #KEYS
`;

/** Fixed window. KEYS[1]: counter; ARGV: now (unused), amount, windowMs. Returns { count, pttl }. */
export const INCREMENT_LUA = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  ttl = tonumber(ARGV[3])
end
return { count, ttl }
`;

/** Fixed window. KEYS[1]: counter. Returns { count, pttl } or false when absent or not a count. */
export const GET_LUA = `
local raw = redis.call('GET', KEYS[1])
if not raw or not string.match(raw, '^%-?%d+$') then return false end
return { tonumber(raw), redis.call('PTTL', KEYS[1]) }
`;
