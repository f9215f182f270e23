// The smoke tests run every benchmark with tiny sizes; builds, subprocesses and loopback traffic make
// them slower than unit tests, hence the longer timeout.
module.exports = require('../../jest.base.cjs')(__dirname, { testTimeout: 120_000 });
