export const id = 228;
export const ids = [228];
export const modules = {

/***/ 6447:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GD: () => (/* binding */ ecrClient),
/* harmony export */   K6: () => (/* binding */ sageMakerClient),
/* harmony export */   RU: () => (/* binding */ logsClient)
/* harmony export */ });
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7242);

const common = (region) => ({
    region,
    // Adaptive retries slow the client down under throttling instead of burning attempts.
    retryMode: 'adaptive',
    customUserAgent: [_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .USER_AGENT */ ._O]
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


/***/ }),

/***/ 833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ guardAgainstCancel)
/* harmony export */ });
/* unused harmony export CANCEL_SIGNALS */
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * What happens when the workflow is cancelled while a training job runs.
 *
 * The runner sends SIGINT, then SIGTERM 7.5 s later, then kills the process.
 * Left alone, Node exits on SIGINT and the job keeps running (and billing) with
 * nobody watching. While a guard is installed, the first signal sends
 * StopTrainingJob at once; later signals only say we are still at it. Having a
 * listener keeps Node from exiting on the signal, and the request in flight keeps
 * the event loop alive, so the stop gets out before the process ends.
 */


/** The signals the runner sends on cancellation, in order. */
const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM'];
/** Installs SIGINT/SIGTERM listeners for as long as a job is being created or watched. */
function guardAgainstCancel(options) {
    const source = options.source ?? process;
    let signal;
    let job;
    let stopping;
    let resolveCancelled = () => undefined;
    const cancelled = new Promise((resolve) => (resolveCancelled = resolve));
    const startStop = () => {
        if (!job || !signal || stopping)
            return;
        const { name, stop } = job;
        if (!options.stopOnCancel) {
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`The run was cancelled (${signal}); training job ${name} keeps running (stop-on-cancel: false).`);
            options.onSettled?.();
            stopping = Promise.resolve(false);
            return;
        }
        _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`The run was cancelled (${signal}): stopping training job ${name}.`);
        stopping = stop().then(() => {
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Asked SageMaker to stop training job ${name}.`);
            options.onSettled?.();
            return true;
        }, (error) => {
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not stop training job ${name}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(error)}. The post step will try again.`);
            return false;
        });
    };
    const onSignal = (received) => {
        if (signal) {
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Received ${received}; still stopping training job ${job?.name ?? ''}.`);
            return;
        }
        signal = received;
        resolveCancelled(received);
        if (job)
            startStop();
        else
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`The run was cancelled (${received}); the job will be stopped as soon as it exists.`);
    };
    const listeners = CANCEL_SIGNALS.map((name) => {
        const listener = () => onSignal(name);
        source.on(name, listener);
        return { name, listener };
    });
    return {
        get signal() {
            return signal;
        },
        cancelled,
        arm(jobName, stop) {
            job = { name: jobName, stop };
            startStop();
        },
        stopped: () => stopping ?? Promise.resolve(false),
        dispose() {
            for (const { name, listener } of listeners)
                source.off(name, listener);
        }
    };
}


/***/ }),

/***/ 1036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CC: () => (/* binding */ stopJob),
/* harmony export */   CM: () => (/* binding */ TERMINAL_STATUSES),
/* harmony export */   E2: () => (/* binding */ isThrottling),
/* harmony export */   Is: () => (/* binding */ errorName),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   h$: () => (/* binding */ errorAttempts),
/* harmony export */   hx: () => (/* binding */ describeJob),
/* harmony export */   i3: () => (/* binding */ isRunningStatus),
/* harmony export */   tl: () => (/* binding */ isJobNotFound)
/* harmony export */ });
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
/**
 * SageMaker answers a Describe of an unknown job with `ValidationException`
 * "Requested resource not found." rather than the modelled `ResourceNotFound`.
 */
function isJobNotFound(error) {
    const e = fields(error);
    if (e.name === 'ResourceNotFound')
        return true;
    return e.name === 'ValidationException' && /not (be )?found|could not find/i.test(e.message ?? '');
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
        if (errorName(error) === 'ValidationException' && /status/i.test(fields(error).message ?? ''))
            return 'ended';
        throw error;
    }
}
/** Statuses after which a job never changes again. */
const TERMINAL_STATUSES = ['Completed', 'Failed', 'Stopped'];
/** True while SageMaker may still change the job (InProgress, Stopping). */
const isRunningStatus = (status) => status === 'InProgress' || status === 'Stopping';


/***/ }),

/***/ 7228:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   decide: () => (/* binding */ decide),
/* harmony export */   refuseExistingJob: () => (/* binding */ refuseExistingJob),
/* harmony export */   stopAbandonedJob: () => (/* binding */ stopAbandonedJob),
/* harmony export */   submitJob: () => (/* binding */ submitJob)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6447);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7242);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(833);
/* harmony import */ var _job_aws_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1036);
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8499);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2462);
/**
 * Submitting the training job, safely under reruns: one action run creates at
 * most one job, and a rerun of the same commit either attaches to the job that
 * is still running or starts the next attempt (`<name>-2`, `-3`, ...), as
 * `if-job-exists` says.
 *
 * CreateTrainingJob is tried first and the existing job is only looked at when
 * SageMaker answers ResourceInUse: the usual case (a new commit) costs one call,
 * and a job created by someone else between a check and a create cannot slip
 * through, because there is no separate check.
 */








/** More attempts than anyone reruns by hand; stops a runaway loop if names keep colliding. */
const MAX_ATTEMPTS = 99;
/**
 * Creates the training job (or attaches to it), applying `if-job-exists`:
 * - `auto`: a job of that name that is InProgress or Stopping is attached to; one
 *   that ended makes the next attempt `<name>-2`, `-3`, ...
 * - `attach`: an existing job of that name is reported whatever its status.
 * - `new`: always a new job, at the first free attempt name.
 * - `fail`: an existing job of that name is an error.
 *
 * `requestFor(name)` returns the full, validated CreateTrainingJobRequest for that job name (the container args embed the name, so a -2 attempt needs a rebuilt request). baseName is the name from the template.
 */
async function submitJob(settings, baseName, requestFor, hooks, options = {}) {
    const client = options.client ?? (await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__/* .sageMakerClient */ .K6)(settings.config.region));
    const { CreateTrainingJobCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(459)]).then(__webpack_require__.t.bind(__webpack_require__, 4459, 19));
    // The request builder always records the short hash in the container's lineage environment.
    const shortSha = options.shortSha ?? requestFor(baseName).Environment?.TRAIN_ON_PUSH_SHORT_SHA ?? '';
    const policy = settings.ifJobExists;
    const startedAt = Date.now();
    // A cancel during CreateTrainingJob would otherwise kill the process before we
    // know the job's name, leaving it running with nothing to stop it.
    const guard = settings.wait
        ? (0,_cancel_js__WEBPACK_IMPORTED_MODULE_4__/* .guardAgainstCancel */ .l)({
            stopOnCancel: settings.stopOnCancel,
            onSettled: () => _state_js__WEBPACK_IMPORTED_MODULE_6__/* .save */ .UN(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.JobSettled, 'true'),
            source: options.signals
        })
        : undefined;
    const settle = async (job) => {
        rememberForPost(settings, job);
        hooks.onJob({ name: job.name, arn: job.arn, attached: job.attached });
        guard?.arm(job.name, async () => void (await (0,_job_aws_js__WEBPACK_IMPORTED_MODULE_5__/* .stopJob */ .CC)(client, job.name)));
        if (guard?.signal) {
            await guard.stopped();
            throw new Error(`The run was cancelled (${guard.signal}) while training job ${job.name} was being submitted.`);
        }
        return job;
    };
    try {
        let lookedUpMissing = false;
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            const name = attempt === 1 ? baseName : (0,_naming_js__WEBPACK_IMPORTED_MODULE_7__/* .withAttemptSuffix */ .gc)(baseName, attempt, shortSha);
            const request = requestFor(name);
            if (request.TrainingJobName !== name)
                throw new Error(`The request for job ${name} names ${String(request.TrainingJobName)} instead.`);
            let arn;
            try {
                arn = (await client.send(new CreateTrainingJobCommand(request))).TrainingJobArn ?? '';
            }
            catch (error) {
                if ((0,_job_aws_js__WEBPACK_IMPORTED_MODULE_5__/* .errorName */ .Is)(error) !== 'ResourceInUse')
                    throw createError(name, error);
                const existing = await (0,_job_aws_js__WEBPACK_IMPORTED_MODULE_5__/* .describeJob */ .hx)(client, name);
                if (!existing) {
                    // Gone between the two calls (deleted): the name is free again, once.
                    if (lookedUpMissing)
                        throw createError(name, error);
                    lookedUpMissing = true;
                    attempt--;
                    continue;
                }
                // The SDK retried the create (a dropped connection, a 5xx) and the retry met
                // the job the first try made: that job is ours, not someone else's.
                if ((0,_job_aws_js__WEBPACK_IMPORTED_MODULE_5__/* .errorAttempts */ .h$)(error) > 1 && isSameRequest(existing, request, startedAt)) {
                    _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Created training job ${name}.`);
                    return await settle({
                        name,
                        arn: existing.TrainingJobArn ?? '',
                        attached: false,
                        status: 'InProgress'
                    });
                }
                const status = existing.TrainingJobStatus ?? 'unknown';
                const decision = decide(policy, status);
                if (decision === 'fail')
                    throw jobExistsError(name, status);
                if (decision === 'attach') {
                    _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_job_aws_js__WEBPACK_IMPORTED_MODULE_5__/* .isRunningStatus */ .i3)(status)
                        ? `Training job ${name} is already ${status}: attaching to it instead of starting another.`
                        : `Training job ${name} already ended (${status}): reporting it (if-job-exists: attach).`);
                    return await settle({ name, arn: existing.TrainingJobArn ?? '', attached: true, status });
                }
                _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Training job ${name} already exists (${status}); trying the next attempt.`);
                continue;
            }
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Created training job ${name}${attempt > 1 ? ` (attempt ${attempt})` : ''}.`);
            return await settle({ name, arn, attached: false, status: 'InProgress' });
        }
        throw new Error(`Training job names ${baseName} to ${baseName}-${MAX_ATTEMPTS} are all taken.`);
    }
    finally {
        guard?.dispose();
    }
}
function jobExistsError(name, status) {
    return new Error(`Training job ${name} already exists (${status}) and if-job-exists is 'fail'. ` +
        `Use 'auto' to attach to a running job or start the next attempt, or 'new' to always start one.`);
}
/**
 * With `if-job-exists: fail`, a job of that name ends the run before the image is built
 * and pushed, not after. The other policies always end in a job, so they need no look.
 */
async function refuseExistingJob(settings, name) {
    if (settings.ifJobExists !== 'fail')
        return;
    const existing = await (0,_job_aws_js__WEBPACK_IMPORTED_MODULE_5__/* .describeJob */ .hx)(await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__/* .sageMakerClient */ .K6)(settings.config.region), name);
    if (existing)
        throw jobExistsError(name, existing.TrainingJobStatus ?? 'unknown');
}
/** What `if-job-exists` says to do about a job of the same name with this status. */
function decide(policy, status) {
    switch (policy) {
        case 'attach':
            return 'attach';
        case 'fail':
            return 'fail';
        case 'new':
            return 'next';
        case 'auto':
            return (0,_job_aws_js__WEBPACK_IMPORTED_MODULE_5__/* .isRunningStatus */ .i3)(status) ? 'attach' : 'next';
    }
}
/**
 * The job found is the one our own request made when it carries the same
 * environment (the TRAIN_ON_PUSH_* lineage includes the run and its attempt) and
 * was created during this submission.
 */
function isSameRequest(existing, request, startedAt) {
    const wanted = request.Environment ?? {};
    const found = existing.Environment ?? {};
    const keys = Object.keys(wanted);
    if (keys.length === 0 || keys.length !== Object.keys(found).length)
        return false;
    if (!keys.every((k) => found[k] === wanted[k]))
        return false;
    const created = existing.CreationTime?.getTime();
    // Generous for clock skew; a rerun's job is minutes or days older.
    return created === undefined || created >= startedAt - 5 * 60_000;
}
function createError(name, error) {
    const code = (0,_job_aws_js__WEBPACK_IMPORTED_MODULE_5__/* .errorName */ .Is)(error);
    const hint = code === 'ResourceLimitExceeded'
        ? ' (an account quota: request an increase for this instance type in Service Quotas, or use another type)'
        : code === 'AccessDeniedException'
            ? ' (the credentials need sagemaker:CreateTrainingJob and iam:PassRole on the execution role)'
            : '';
    return new Error(`Could not create training job ${name}: ${code ? `${code}: ` : ''}${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error)}${hint}`);
}
/** State the post step reads to stop a job this run was cancelled out of watching. */
function rememberForPost(settings, job) {
    _state_js__WEBPACK_IMPORTED_MODULE_6__/* .save */ .UN(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.JobName, job.name);
    _state_js__WEBPACK_IMPORTED_MODULE_6__/* .save */ .UN(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.JobRegion, settings.config.region);
    _state_js__WEBPACK_IMPORTED_MODULE_6__/* .save */ .UN(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.StopOnCancel, String(settings.stopOnCancel));
    // Not waiting means leaving the job running on purpose; an ended job needs no stop.
    if (!settings.wait || _job_aws_js__WEBPACK_IMPORTED_MODULE_5__/* .TERMINAL_STATUSES */ .CM.includes(job.status ?? ''))
        _state_js__WEBPACK_IMPORTED_MODULE_6__/* .save */ .UN(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.JobSettled, 'true');
}
/**
 * Post step: stop a job that main left running because it was cancelled before it could (reads state: State.JobName, State.JobRegion, State.JobSettled, State.StopOnCancel). Warnings only.
 */
async function stopAbandonedJob(options = {}) {
    const name = _state_js__WEBPACK_IMPORTED_MODULE_6__/* .load */ .Hh(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.JobName);
    if (!name || _state_js__WEBPACK_IMPORTED_MODULE_6__/* .load */ .Hh(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.JobSettled) === 'true')
        return;
    if (_state_js__WEBPACK_IMPORTED_MODULE_6__/* .load */ .Hh(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.StopOnCancel) !== 'true') {
        _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Training job ${name} was left running (stop-on-cancel: false).`);
        return;
    }
    try {
        const region = _state_js__WEBPACK_IMPORTED_MODULE_6__/* .load */ .Hh(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.JobRegion);
        const client = options.client ?? (await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__/* .sageMakerClient */ .K6)(region));
        const result = await (0,_job_aws_js__WEBPACK_IMPORTED_MODULE_5__/* .stopJob */ .CC)(client, name);
        if (result === 'stopping')
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`The run ended while training job ${name} was running: asked SageMaker to stop it.`);
        else if (result === 'ended')
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Training job ${name} had already ended.`);
        else
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Training job ${name} does not exist; nothing to stop.`);
        _state_js__WEBPACK_IMPORTED_MODULE_6__/* .save */ .UN(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.JobSettled, 'true');
    }
    catch (error) {
        _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not stop training job ${name}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error)}. Stop it in the SageMaker console.`);
    }
}


/***/ })

};
