module.exports = require('../../jest.base.cjs')(__dirname, { testTimeout: 600_000 });
