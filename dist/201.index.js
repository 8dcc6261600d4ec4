export const id = 201;
export const ids = [201];
export const modules = {

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VERSION: () => (/* binding */ VERSION),
/* harmony export */   ecrClient: () => (/* binding */ ecrClient),
/* harmony export */   logsClient: () => (/* binding */ logsClient),
/* harmony export */   sageMakerClient: () => (/* binding */ sageMakerClient)
/* harmony export */ });
/** Kept equal to package.json's version by a test (the bundle does not read package.json). */
const VERSION = '0.1.0';
/** Sent with every AWS call, so the calls can be told apart in CloudTrail. */
const USER_AGENT = ['train-on-push', VERSION];
const common = (region) => ({
    region,
    // Adaptive retries slow the client down under throttling instead of burning attempts.
    retryMode: 'adaptive',
    customUserAgent: [USER_AGENT]
});
async function sageMakerClient(region) {
    const { SageMakerClient } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(459)]).then(__webpack_require__.t.bind(__webpack_require__, 4459, 19));
    return new SageMakerClient(common(region));
}
async function ecrClient(region) {
    const { ECRClient } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(249)]).then(__webpack_require__.t.bind(__webpack_require__, 8249, 19));
    return new ECRClient(common(region));
}
async function logsClient(region) {
    const { CloudWatchLogsClient } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(303)]).then(__webpack_require__.t.bind(__webpack_require__, 2684, 19));
    return new CloudWatchLogsClient(common(region));
}


/***/ })

};
