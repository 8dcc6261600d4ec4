// The bundle loads this file wherever the @actions packages import `undici` (tsconfig.json
// "paths" points ncc here). Those packages use undici only to send requests through a proxy
// (@actions/http-client's ProxyAgent, @actions/github's fetch), yet importing it costs every
// run ~30 ms of start-up (actions/toolkit#1697, #1800). Here the real undici is bundled all the
// same but evaluated on first use, so proxies keep working and a run that never makes such a
// request never pays for it.
'use strict'
let real
const load = () => (real ??= require('../node_modules/undici/index.js'))

class ProxyAgent {
  constructor(...args) {
    return new (load().ProxyAgent)(...args)
  }
}

module.exports = {
  ProxyAgent,
  fetch: (...args) => load().fetch(...args)
}
