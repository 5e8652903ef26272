// The jest project `cluster` (jest.config.js): startTestRedis() gives a private Redis Cluster.
process.env.TIAOJIE_TEST_REDIS = 'cluster';
