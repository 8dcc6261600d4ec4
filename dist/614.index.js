export const id = 614;
export const ids = [614];
export const modules = {

/***/ 1614:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HF: () => (/* binding */ DESCRIBE_CALL),
/* harmony export */   hx: () => (/* binding */ describeJob),
/* harmony export */   stopJob: () => (/* binding */ stopJob)
/* harmony export */ });
/* unused harmony export isJobNotFound */
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9378);

/**
 * SageMaker answers a Describe of an unknown job with `ValidationException`
 * "Requested resource not found." rather than the modelled `ResourceNotFound`.
 */
function isJobNotFound(error) {
    const name = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorName */ .Is)(error);
    if (name === 'ResourceNotFound')
        return true;
    const message = error?.message ?? '';
    return name === 'ValidationException' && /not (be )?found|could not find/i.test(message);
}
/** Describes a job; undefined when there is no job of that name. */
async function describeJob(client, name) {
    const { DescribeTrainingJobCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(459)]).then(__webpack_require__.t.bind(__webpack_require__, 4459, 19));
    try {
        return await client.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    }
    catch (error) {
        if (isJobNotFound(error))
            return undefined;
        throw error;
    }
}
/** How the DescribeTrainingJob call is named in errors. */
const DESCRIBE_CALL = {
    service: 'SageMaker',
    operation: 'DescribeTrainingJob',
    permissions: ['sagemaker:DescribeTrainingJob']
};
/**
 * Asks SageMaker to stop a job. `ended` when it had already finished (AWS rejects
 * stopping a terminal job with a ValidationException naming its status), `missing`
 * when there is no such job.
 */
async function stopJob(client, name) {
    const { StopTrainingJobCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(459)]).then(__webpack_require__.t.bind(__webpack_require__, 4459, 19));
    try {
        await client.send(new StopTrainingJobCommand({ TrainingJobName: name }));
        return 'stopping';
    }
    catch (error) {
        if (isJobNotFound(error))
            return 'missing';
        const message = error?.message ?? '';
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorName */ .Is)(error) === 'ValidationException' && /status/i.test(message))
            return 'ended';
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .explainAwsError */ .Ni)({ service: 'SageMaker', operation: 'StopTrainingJob', permissions: ['sagemaker:StopTrainingJob'] }, error);
    }
}


/***/ })

};
