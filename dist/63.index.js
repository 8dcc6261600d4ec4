export const id = 63;
export const ids = [63,614];
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


/***/ }),

/***/ 2881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ TERMINAL_STATUSES),
/* harmony export */   i: () => (/* binding */ isRunningStatus)
/* harmony export */ });
/** What a training job's status says about its future. */
/** Statuses after which a job never changes again. */
const TERMINAL_STATUSES = ['Completed', 'Failed', 'Stopped'];
/** True while SageMaker may still change the job (InProgress, Stopping). */
const isRunningStatus = (status) => status === 'InProgress' || status === 'Stopping';


/***/ }),

/***/ 7063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   refuseExistingJob: () => (/* binding */ refuseExistingJob),
/* harmony export */   settledAtSubmit: () => (/* binding */ settledAtSubmit),
/* harmony export */   submitJob: () => (/* binding */ submitJob)
/* harmony export */ });
/* unused harmony export decide */
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(201);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6261);
/* harmony import */ var _describe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1614);
/* harmony import */ var _fingerprint_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5687);
/* harmony import */ var _name_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4788);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2881);







/** More attempts than anyone reruns by hand; stops a runaway loop if names keep colliding. */
const MAX_ATTEMPTS = 99;
const CREATE_CALL = {
    service: 'SageMaker',
    operation: 'CreateTrainingJob',
    permissions: ['sagemaker:CreateTrainingJob', 'iam:PassRole on the execution role']
};
/**
 * Creates the training job (or attaches to it), applying `if-job-exists`:
 * - `auto`: a job of that name that is InProgress or Stopping and carries this request's
 *   fingerprint is attached to; any other makes the next attempt `<name>-2`, `-3`, ...
 * - `attach`: an existing job of that name with this request's fingerprint is reported
 *   whatever its status; one with another fingerprint is an error saying what differs.
 * - `new`: always a new job, at the first free attempt name.
 * - `fail`: an existing job of that name is an error.
 *
 * `requestFor(name)` returns the full, checked request for that job name (the container
 * arguments carry the name, so a `-2` attempt needs its own request).
 */
async function submitJob(settings, baseName, requestFor, ctx) {
    const { log } = ctx;
    const client = ctx.client ?? (await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .sageMakerClient */ .K6)(settings.config.region));
    const { CreateTrainingJobCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(459)]).then(__webpack_require__.t.bind(__webpack_require__, 4459, 19));
    const policy = settings.ifJobExists;
    const startedAt = Date.now();
    // A cancel during CreateTrainingJob would otherwise kill the process before we
    // know the job's name, leaving it running with nothing to stop it.
    const guard = settings.wait
        ? (0,_cancel_js__WEBPACK_IMPORTED_MODULE_2__/* .guardAgainstCancel */ .lt)({
            stopOnCancel: settings.stopOnCancel,
            onSettled: ctx.onSettled,
            log,
            source: ctx.signals
        })
        : undefined;
    const settle = async (job) => {
        ctx.onJob(job);
        guard?.arm(job.name, async () => void (await (0,_describe_js__WEBPACK_IMPORTED_MODULE_3__.stopJob)(client, job.name)));
        if (guard?.signal) {
            const stopped = await guard.stopped();
            throw new _cancel_js__WEBPACK_IMPORTED_MODULE_2__/* .RunCancelled */ .zL(`The run was cancelled (${guard.signal}) while training job ${job.name} was being submitted.`, stopped);
        }
        return job;
    };
    try {
        let lookedUpMissing = false;
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            const name = attempt === 1 ? baseName : (0,_name_js__WEBPACK_IMPORTED_MODULE_5__/* .withAttemptSuffix */ .gc)(baseName, attempt, ctx.shortSha);
            const request = requestFor(name);
            if (request.TrainingJobName !== name)
                throw new Error(`The request for job ${name} names ${String(request.TrainingJobName)} instead.`);
            let arn;
            try {
                arn = (await client.send(new CreateTrainingJobCommand(request))).TrainingJobArn ?? '';
            }
            catch (error) {
                if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorName */ .Is)(error) !== 'ResourceInUse')
                    throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainAwsError */ .Ni)(CREATE_CALL, error);
                const existing = await (0,_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .describeJob */ .hx)(client, name).catch((e) => {
                    throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainAwsError */ .Ni)(_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .DESCRIBE_CALL */ .HF, e);
                });
                if (!existing) {
                    // Gone between the two calls (deleted): the name is free again, once.
                    if (lookedUpMissing)
                        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainAwsError */ .Ni)(CREATE_CALL, error);
                    lookedUpMissing = true;
                    attempt--;
                    continue;
                }
                // The SDK retried the create (a dropped connection, a 5xx) and the retry met
                // the job the first try made: that job is ours, not someone else's.
                if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorAttempts */ .h$)(error) > 1 && isSameRequest(existing, request, startedAt)) {
                    log.info(`Created training job ${name}.`);
                    return await settle({ name, arn: existing.TrainingJobArn ?? '', attached: false, status: 'InProgress' });
                }
                const status = existing.TrainingJobStatus ?? 'unknown';
                const same = isSameFingerprint(existing, request);
                const decision = decide(policy, status, same);
                if (decision === 'fail')
                    throw jobExistsError(name, status);
                if (decision === 'refuse')
                    throw differentJobError(name, status, (0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_4__/* .requestDifferences */ .WV)(existing, request));
                if (decision === 'attach') {
                    log.info((0,_status_js__WEBPACK_IMPORTED_MODULE_6__/* .isRunningStatus */ .i)(status)
                        ? `Training job ${name} is already ${status} with the same request (fingerprint ${fingerprintOf(request)}): attaching to it instead of starting another.`
                        : `Training job ${name} already ended (${status}) with the same request: reporting it (if-job-exists: attach).`);
                    return await settle({ name, arn: existing.TrainingJobArn ?? '', attached: true, status });
                }
                if ((0,_status_js__WEBPACK_IMPORTED_MODULE_6__/* .isRunningStatus */ .i)(status) && !same) {
                    log.info(`Training job ${name} is ${status}, but it is not this request (${(0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_4__/* .requestDifferences */ .WV)(existing, request).join('; ') || `fingerprint ${fingerprintOf(existing) || 'none'} ≠ ${fingerprintOf(request)}`}); trying the next attempt.`);
                }
                else
                    log.info(`Training job ${name} already exists (${status}); trying the next attempt.`);
                continue;
            }
            log.info(`Created training job ${name}${attempt > 1 ? ` (attempt ${attempt})` : ''}.`);
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
    const existing = await (0,_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .describeJob */ .hx)(await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .sageMakerClient */ .K6)(settings.config.region), name).catch((e) => {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainAwsError */ .Ni)(_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .DESCRIBE_CALL */ .HF, e);
    });
    if (existing)
        throw jobExistsError(name, existing.TrainingJobStatus ?? 'unknown');
}
/**
 * True when the post step has nothing to do for this job: the run does not wait for it
 * (leaving it running is the point), or it had already ended when this run attached to it.
 */
function settledAtSubmit(settings, job) {
    return !settings.wait || _status_js__WEBPACK_IMPORTED_MODULE_6__/* .TERMINAL_STATUSES */ .C.includes(job.status ?? '');
}
/**
 * What `if-job-exists` says to do about a job of the same name with this status; `same` is
 * whether it carries this request's fingerprint. A job that is not the same request is never
 * adopted: `auto` moves on to the next attempt name, `attach` refuses.
 */
function decide(policy, status, same) {
    switch (policy) {
        case 'attach':
            return same ? 'attach' : 'refuse';
        case 'fail':
            return 'fail';
        case 'new':
            return 'next';
        case 'auto':
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_6__/* .isRunningStatus */ .i)(status) && same ? 'attach' : 'next';
    }
}
const fingerprintOf = (job) => job.Environment?.[_fingerprint_js__WEBPACK_IMPORTED_MODULE_4__/* .FINGERPRINT_VARIABLE */ .wP] ?? '';
/** The job found carries the fingerprint of the request this run would send. */
function isSameFingerprint(existing, request) {
    const wanted = fingerprintOf(request);
    return wanted !== '' && fingerprintOf(existing) === wanted;
}
function differentJobError(name, status, differences) {
    return new Error(`Training job ${name} exists (${status}) but is not the job this run would submit, so it is not attached to ` +
        `(if-job-exists: attach). What differs: ${differences.join('; ') || 'the request fingerprint'}. ` +
        `Use 'auto' to start the next attempt instead.`);
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


/***/ })

};
