export const id = 661;
export const ids = [661];
export const modules = {

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ errorMessage),
/* harmony export */   x: () => (/* binding */ ConfigError)
/* harmony export */ });
/** Everything wrong with the user's inputs and config, reported together before any side effect. */
class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(ConfigError.format(problems));
        this.name = 'ConfigError';
        this.problems = problems;
    }
    static format(problems) {
        if (problems.length === 1)
            return `${problems[0].where}: ${problems[0].message}`;
        const lines = problems.map((p) => `  - ${p.where}: ${p.message}`);
        return `${problems.length} problems with the action's configuration:\n${lines.join('\n')}`;
    }
}
/** Normalises anything thrown into a message worth showing in the step log. */
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    return String(error);
}


/***/ }),

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cleanup: () => (/* binding */ cleanup)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * The post step: undo what main set up. It never fails the job; problems are warnings.
 */


async function cleanup() {
    const steps = [
        ['stop the training job', async () => (await __webpack_require__.e(/* import() */ 847).then(__webpack_require__.bind(__webpack_require__, 7228))).stopAbandonedJob()],
        ['log out of the registry', async () => (await Promise.all(/* import() */[__webpack_require__.e(260), __webpack_require__.e(910)]).then(__webpack_require__.bind(__webpack_require__, 7910))).logoutRegistry()]
    ];
    for (const [what, step] of steps) {
        try {
            await step();
        }
        catch (error) {
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Post step could not ${what}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(error)}`);
        }
    }
}


/***/ })

};
