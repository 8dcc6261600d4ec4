export const id = 614;
export const ids = [614];
export const modules = {

/***/ 9378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E2: () => (/* binding */ isThrottling),
/* harmony export */   Is: () => (/* binding */ errorName),
/* harmony export */   MV: () => (/* binding */ isUnreadableAnswer),
/* harmony export */   Ni: () => (/* binding */ explainAwsError),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   h$: () => (/* binding */ errorAttempts)
/* harmony export */ });
/* unused harmony exports isExpiredCredentials, AwsCallError */
/**
 * Reading the errors the AWS SDK throws, and turning them into messages that say which call
 * failed, with which error code, and what to do about it. Every AWS call of the action goes
 * through `explainAwsError` when it fails for good.
 */
const fields = (error) => typeof error === 'object' && error !== null ? error : {};
/** The service's error code (`ResourceInUse`, `ThrottlingException`, ...), or the JS error name. */
function errorName(error) {
    return fields(error).name ?? '';
}
/** How many attempts the SDK made before giving up (1 when it did not retry). */
function errorAttempts(error) {
    return fields(error).$metadata?.attempts ?? 1;
}
// The SDK's own list (smithy service-error-classification), so our backoff agrees with its retries.
const THROTTLING = new Set([
    'BandwidthLimitExceeded',
    'EC2ThrottledException',
    'LimitExceededException',
    'PriorRequestNotComplete',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'RequestThrottledException',
    'SlowDown',
    'ThrottledException',
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
    'TransactionInProgressException'
]);
/** True when AWS asked us to slow down (and the SDK's own retries did not get through). */
function isThrottling(error) {
    const e = fields(error);
    return e.$metadata?.httpStatusCode === 429 || THROTTLING.has(e.name ?? '') || e.$retryable?.throttling === true;
}
const NETWORK_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN'
]);
/** A server-side or network failure worth trying again at the next poll. */
function isTransient(error) {
    const e = fields(error);
    const status = e.$metadata?.httpStatusCode;
    if (status !== undefined && status >= 500)
        return true;
    if (e.$fault === 'server')
        return true;
    if (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(e.name ?? ''))
        return true;
    // A request that got no HTTP answer at all (socket hang up, reset): the SDK wraps it
    // in a plain Error with $metadata but no status.
    if (e.$metadata && status === undefined && e.name === 'Error')
        return true;
    return ['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'].includes(e.name ?? '');
}
/** Error codes that mean the credentials themselves are no good (expired, unknown, unsigned). */
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID_CREDENTIALS = new Set([
    'UnrecognizedClientException',
    'InvalidClientTokenId',
    'InvalidSignatureException',
    'SignatureDoesNotMatch',
    'IncompleteSignature',
    'MissingAuthenticationToken',
    'MissingAuthenticationTokenException'
]);
const ACCESS_DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|Forbidden|NotAuthorized)$/;
/** True when the session's credentials ran out (the usual 1-hour OIDC session during a long wait). */
function isExpiredCredentials(error) {
    return EXPIRED.has(errorName(error));
}
/** A failed AWS call, with what the message is built from kept apart for code that decides on it. */
class AwsCallError extends Error {
    call;
    code;
    cause;
    constructor(message, 
    /** `SageMaker CreateTrainingJob` */
    call, 
    /** The service's error code, or the JavaScript error name when AWS never answered. */
    code, cause) {
        super(message);
        this.call = call;
        this.code = code;
        this.cause = cause;
        this.name = 'AwsCallError';
    }
}
/** The message of an SDK error without the SDK's own hint about hidden fields. */
function plainMessage(error) {
    const e = fields(error);
    const text = (e.message ?? String(error)).replace(/\s*Deserialization error: to see the raw response.*$/s, '');
    return text.trim() || '(no message)';
}
/**
 * AWS answered (2xx) but the SDK could not read the answer: a value in it is not what the
 * service model says (SageMaker sends a final metric of `nan` when the training log printed one).
 */
function isUnreadableAnswer(error) {
    const e = fields(error);
    const status = e.$metadata?.httpStatusCode;
    return (/Deserialization error/.test(e.message ?? '') || (e.$response !== undefined && status !== undefined && status < 300));
}
/**
 * Names the call and the error code, and says what to do: the IAM permission on
 * AccessDenied, a fresh session on expired credentials, a quota on limits, and what it means
 * when AWS's answer could not even be read.
 */
function explainAwsError(call, error) {
    if (error instanceof AwsCallError)
        return error;
    const e = fields(error);
    const code = isUnreadableAnswer(error)
        ? 'UnreadableAnswer'
        : e.name && e.name !== 'Error'
            ? e.name
            : (e.code ?? 'Error');
    const what = `${call.service} ${call.operation}`;
    const message = plainMessage(error);
    let hint = '';
    if (ACCESS_DENIED.test(code) || e.$metadata?.httpStatusCode === 403) {
        if (!EXPIRED.has(code) && !INVALID_CREDENTIALS.has(code))
            hint = `The credentials need ${call.permissions.join(' and ')} (see "Permissions" in the README).`;
    }
    if (EXPIRED.has(code)) {
        hint =
            "The AWS session expired. Long waits outlive the default 1-hour session of configure-aws-credentials: raise its role-duration-seconds (and the role's maximum session duration), or set wait: false.";
    }
    else if (INVALID_CREDENTIALS.has(code)) {
        hint = 'AWS did not accept the credentials: check the region and the credentials configure-aws-credentials set.';
    }
    else if (code === 'CredentialsProviderError') {
        hint = 'No AWS credentials were found: add aws-actions/configure-aws-credentials before this step.';
    }
    else if (code === 'ResourceLimitExceeded') {
        hint = 'An account quota was reached: request an increase in Service Quotas, or use another instance type.';
    }
    else if (isThrottling(error)) {
        hint = 'AWS kept throttling the calls after several retries; try again later.';
    }
    else if (isUnreadableAnswer(error)) {
        hint =
            "AWS answered, but the answer does not match AWS's own service model, so the SDK could not read it (a value such as a metric of 'nan' does this)";
    }
    else if (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(code)) {
        hint = 'AWS could not be reached: check the runner network, proxy and AWS_ENDPOINT_URL settings.';
    }
    const text = `${what} failed: ${code}: ${message}${hint ? `. ${hint}` : ''}`.replace(/\.\. /, '. ');
    return new AwsCallError(text, what, code, error);
}


/***/ }),

/***/ 1614:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DESCRIBE_CALL: () => (/* binding */ DESCRIBE_CALL),
/* harmony export */   describeJob: () => (/* binding */ describeJob),
/* harmony export */   isJobNotFound: () => (/* binding */ isJobNotFound),
/* harmony export */   stopJob: () => (/* binding */ stopJob)
/* harmony export */ });
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
