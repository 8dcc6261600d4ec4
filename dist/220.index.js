export const id = 220;
export const ids = [220,201,614];
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


/***/ }),

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

/***/ 9220:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  waitForJob: () => (/* binding */ waitForJob)
});

// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/job/cancel.ts
var cancel = __webpack_require__(6261);
// EXTERNAL MODULE: ./src/job/describe.ts
var describe = __webpack_require__(1614);
// EXTERNAL MODULE: ./src/job/urls.ts
var urls = __webpack_require__(437);
;// CONCATENATED MODULE: ./src/job/logs.ts



/** A page this big may have a next one right behind it; smaller pages wait for the next poll. */
const FULL_PAGE_EVENTS = 1000;
const FULL_PAGE_BYTES = 512 * 1024;
const MAX_PAGES_PER_POLL = 10;
/** The instance part of a stream name: `job/algo-2-1700000000` → `algo-2`. */
function instanceOf(stream) {
    const tail = stream.slice(stream.indexOf('/') + 1);
    return /^(algo-\d+)/.exec(tail)?.[1] ?? tail;
}
/** A batch of lines as the step log shows them: with the instance in front when there are several. */
function formatLines(lines, multiInstance) {
    return lines.map((l) => {
        const message = l.message.replace(/\r?\n$/, '');
        return multiInstance ? `[${l.instance}] ${message}` : message;
    });
}
/** Follows every instance's log stream of one job. */
class LogTailer {
    client;
    jobName;
    streams = new Map();
    expected;
    disabled = false;
    print;
    log;
    /** The last call made, to name it when it fails. */
    lastCall = 'DescribeLogStreams';
    constructor(client, jobName, options) {
        this.client = client;
        this.jobName = jobName;
        this.expected = Math.max(1, options.instanceCount);
        this.log = options.log;
        // Training output is someone else's text: it is shown, never obeyed as a runner command.
        this.print = options.print ?? ((lines, multi) => lines.length > 0 && this.log.untrusted(formatLines(lines, multi)));
    }
    /** Stream names found so far. */
    get streamNames() {
        return [...this.streams.keys()];
    }
    /** The job's instance count, once DescribeTrainingJob has told us. */
    setInstanceCount(count) {
        if (count > 0 && this.streams.size === 0)
            this.expected = count;
    }
    /** After a spot interruption the instances come back with new streams: look for them again. */
    expectRestart(instanceCount) {
        this.expected = this.streams.size + Math.max(1, instanceCount);
    }
    /**
     * Reads what is new in every stream and prints it, merged in time order.
     * `lookForStreams: false` skips looking for streams not yet seen (no container runs yet).
     */
    async poll(lookForStreams = true) {
        const stats = { lines: 0, calls: 0, throttled: false };
        if (this.disabled)
            return stats;
        const sdk = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(303)]).then(__webpack_require__.t.bind(__webpack_require__, 2684, 19));
        try {
            if (lookForStreams && this.streams.size < this.expected)
                await this.discover(sdk, stats);
            const batch = [];
            let order = 0;
            for (const position of this.streams.values()) {
                for (const line of await this.read(sdk, position, stats))
                    batch.push({ line, order: order++ });
            }
            // Streams are read one after another; their lines interleave by time.
            batch.sort((a, b) => a.line.timestamp - b.line.timestamp || a.order - b.order);
            this.print(batch.map((b) => b.line), this.streams.size > 1);
            stats.lines = batch.length;
        }
        catch (error) {
            if ((0,errors/* isThrottling */.E2)(error))
                stats.throttled = true;
            else if ((0,errors/* isTransient */.dg)(error))
                this.log.debug(`Reading the job's logs failed this time: ${(0,src_errors/* errorMessage */.g)(error)}`);
            else {
                // Status keeps coming from SageMaker; lost logs should not fail the run.
                this.disabled = true;
                const call = {
                    service: 'CloudWatch Logs',
                    operation: this.lastCall,
                    permissions: [`logs:${this.lastCall} on ${urls/* LOG_GROUP */.Rs}`]
                };
                this.log.warning(`Stopped streaming the job's logs (the job itself is still followed): ${(0,errors/* explainAwsError */.Ni)(call, error).message}`);
            }
        }
        return stats;
    }
    async discover(sdk, stats) {
        let nextToken;
        let pages = 0;
        do {
            stats.calls++;
            this.lastCall = 'DescribeLogStreams';
            let out;
            try {
                out = await this.client.send(new sdk.DescribeLogStreamsCommand({
                    logGroupName: urls/* LOG_GROUP */.Rs,
                    logStreamNamePrefix: `${this.jobName}/`,
                    orderBy: 'LogStreamName',
                    limit: 50,
                    nextToken
                }));
            }
            catch (error) {
                if ((0,errors/* errorName */.Is)(error) === 'ResourceNotFoundException')
                    return;
                throw error;
            }
            for (const s of out.logStreams ?? []) {
                if (!s.logStreamName || this.streams.has(s.logStreamName))
                    continue;
                this.streams.set(s.logStreamName, {
                    name: s.logStreamName,
                    instance: instanceOf(s.logStreamName),
                    lastTimestamp: 0,
                    seenAtLast: 0
                });
            }
            nextToken = out.nextToken;
            pages++;
        } while (nextToken && pages < 20 && this.streams.size < this.expected);
    }
    async read(sdk, position, stats) {
        const lines = [];
        for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
            const byTime = position.token === undefined;
            stats.calls++;
            this.lastCall = 'GetLogEvents';
            let out;
            try {
                out = await this.client.send(new sdk.GetLogEventsCommand({
                    logGroupName: urls/* LOG_GROUP */.Rs,
                    logStreamName: position.name,
                    startFromHead: true,
                    ...(byTime
                        ? position.lastTimestamp > 0
                            ? { startTime: position.lastTimestamp }
                            : {}
                        : { nextToken: position.token })
                }));
            }
            catch (error) {
                const name = (0,errors/* errorName */.Is)(error);
                if (name === 'ResourceNotFoundException')
                    return lines;
                // Tokens expire after 24 hours: continue from the last timestamp instead.
                if (name === 'InvalidParameterException' && !byTime) {
                    position.token = undefined;
                    continue;
                }
                throw error;
            }
            const events = out.events ?? [];
            const fresh = byTime ? this.skipSeen(position, events) : events;
            for (const e of fresh) {
                const timestamp = e.timestamp ?? 0;
                if (timestamp > position.lastTimestamp) {
                    position.lastTimestamp = timestamp;
                    position.seenAtLast = 1;
                }
                else if (timestamp === position.lastTimestamp)
                    position.seenAtLast++;
                lines.push({
                    instance: position.instance,
                    stream: position.name,
                    timestamp,
                    message: e.message ?? ''
                });
            }
            const sameToken = out.nextForwardToken === undefined || out.nextForwardToken === position.token;
            if (out.nextForwardToken)
                position.token = out.nextForwardToken;
            const bytes = events.reduce((n, e) => n + (e.message?.length ?? 0) + 26, 0);
            if (sameToken || events.length === 0 || (events.length < FULL_PAGE_EVENTS && bytes < FULL_PAGE_BYTES))
                break;
        }
        return lines;
    }
    /** When reading from a timestamp, the events already printed at that timestamp come back first. */
    skipSeen(position, events) {
        let skip = position.seenAtLast;
        return events.filter((e) => {
            const t = e.timestamp ?? 0;
            if (t < position.lastTimestamp)
                return false;
            if (t === position.lastTimestamp && skip > 0) {
                skip--;
                return false;
            }
            return true;
        });
    }
}

// EXTERNAL MODULE: ./src/job/outcome.ts
var job_outcome = __webpack_require__(7619);
;// CONCATENATED MODULE: ./src/job/report.ts
/** How the job ended, in lines for the step log, as the SageMaker Python SDK prints them at the end of `fit()`. */
function reportLines(outcome) {
    const count = outcome.instanceCount ?? 1;
    const lines = [
        `Training job ${outcome.name}: ${outcome.status}${outcome.secondaryStatus && outcome.secondaryStatus !== outcome.status ? ` (${outcome.secondaryStatus})` : ''}`
    ];
    if (outcome.failureReason)
        lines.push(`Failure reason: ${outcome.failureReason}`);
    if (outcome.metrics.length > 0) {
        lines.push('Final metrics:');
        for (const m of outcome.metrics)
            lines.push(`  ${m.name} = ${m.value}`);
    }
    const times = (label, seconds) => {
        if (seconds === undefined)
            return;
        lines.push(`${label}: ${seconds}${count > 1 ? ` per instance, ${seconds * count} in total` : ''}`);
    };
    times('Training seconds', outcome.trainingSeconds);
    times('Billable seconds', outcome.billableSeconds);
    if (outcome.spotSavingPercent !== undefined)
        lines.push(`Managed spot training saving: ${outcome.spotSavingPercent.toFixed(1)}%`);
    if (outcome.modelArtifacts && outcome.status === 'Completed')
        lines.push(`Model artifacts: ${outcome.modelArtifacts}`);
    return lines;
}

// EXTERNAL MODULE: ./src/job/status.ts
var job_status = __webpack_require__(2881);
;// CONCATENATED MODULE: ./src/job/wait.ts










const realClock = { now: () => Date.now() };
// Abortable, so a cancelled run does not sit out the rest of a poll interval before exiting.
const realSleep = (ms, signal) => new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
    }
    signal?.addEventListener('abort', done);
});
/** Under throttling the interval doubles up to this (or 8× the set interval, if larger). */
const MAX_BACKOFF_MS = 60_000;
/** Consecutive failed polls (not throttling) before giving up on the job's status. */
const MAX_FAILED_POLLS = 10;
/** Secondary statuses during which no training container runs yet, so no log stream can appear. */
const BEFORE_CONTAINER = new Set([
    'Starting',
    'Pending',
    'LaunchingMLInstances',
    'PreparingTrainingStack',
    'Downloading',
    'DownloadingTrainingImage'
]);
/** A just-created job can be briefly unknown to Describe. */
const MAX_NOT_FOUND_POLLS = 3;
/**
 * Polls until the job ends or the timeout elapses, streaming the logs, and stops the job if
 * the workflow is cancelled meanwhile (as `stop-on-cancel` says). A failed job is not an
 * error here: the outcome says how it ended and `jobFailure` turns that into the verdict.
 * Throws only when the job's status cannot be read at all (missing, no permission, AWS
 * unreachable for long), or when the run was cancelled and the stop did not go through
 * (the job still runs; the post step tries again).
 */
async function waitForJob(settings, jobName, options) {
    const { log } = options;
    const clock = options.clock ?? realClock;
    const sleep = options.sleep ?? realSleep;
    const region = settings.config.region;
    // Listening before anything else: a cancel while the clients load is still caught,
    // and the stop goes out as soon as there is a client to send it.
    const guard = (0,cancel/* guardAgainstCancel */.lt)({
        stopOnCancel: settings.stopOnCancel,
        onSettled: options.onSettled,
        log,
        source: options.signals
    });
    let sageMaker;
    let stopper;
    let logs;
    try {
        sageMaker = options.clients?.sageMaker ?? (await (0,clients.sageMakerClient)(region));
        // Its own client: the adaptive rate limiter is per client, and after heavy throttling of
        // the polls it could hold back the one call that has to go out at once.
        stopper = options.clients?.sageMaker ?? (await (0,clients.sageMakerClient)(region));
        logs = options.clients?.logs ?? (await (0,clients.logsClient)(region));
        // Loaded now so that a stop on cancel does not wait for a module to load.
        await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(459)]).then(__webpack_require__.t.bind(__webpack_require__, 4459, 19));
    }
    catch (error) {
        guard.dispose();
        throw error;
    }
    const baseInterval = Math.max(1, settings.pollIntervalSeconds) * 1000;
    const maxInterval = Math.max(baseInterval * 8, MAX_BACKOFF_MS);
    const started = clock.now();
    const deadline = settings.waitTimeoutMinutes === undefined ? Infinity : started + settings.waitTimeoutMinutes * 60_000;
    const outcome = {
        name: jobName,
        status: undefined,
        transitions: [],
        metrics: [],
        timedOut: false,
        cancelled: false,
        stopRequested: false,
        spot: settings.config.spot,
        instanceCount: settings.config.instanceCount,
        stats: { polls: 0, describeCalls: 0, logCalls: 0, throttled: 0, errors: 0 }
    };
    const tailer = new LogTailer(logs, jobName, {
        instanceCount: settings.config.instanceCount,
        log,
        print: options.printLogs
    });
    const printed = new Set();
    let stopError;
    guard.arm(jobName, async () => {
        try {
            const result = await (0,describe.stopJob)(stopper, jobName);
            outcome.stopRequested = result === 'stopping';
            if (result !== 'stopping')
                log.info(`Training job ${jobName} had already ended.`);
        }
        catch (error) {
            stopError = error;
            throw error;
        }
    });
    const wake = new AbortController();
    void guard.cancelled.then(() => wake.abort());
    log.info(`Waiting for training job ${jobName}: ${(0,urls/* trainingJobConsoleUrl */.Yf)(region, jobName)}`);
    let interval = baseInterval;
    let failedPolls = 0;
    let notFound = 0;
    let described;
    try {
        for (;;) {
            // The poll at the deadline is the last, so the outcome has the freshest status.
            const lastPoll = clock.now() >= deadline;
            outcome.stats.polls++;
            // How hard AWS pushed back this poll: 1.5 when the SDK had to retry, 2 when even that failed.
            let pressure = 1;
            try {
                outcome.stats.describeCalls++;
                const job = await (0,describe.describeJob)(sageMaker, jobName);
                if (!job) {
                    if (++notFound > MAX_NOT_FOUND_POLLS || described)
                        throw new Error(`Training job ${jobName} was not found in ${region}.`);
                }
                else {
                    notFound = 0;
                    failedPolls = 0;
                    if ((job.$metadata.attempts ?? 1) > 1)
                        pressure = 1.5;
                    (0,job_outcome/* absorbDescription */.Kd)(outcome, job, clock.now());
                    if (outcome.instanceCount)
                        tailer.setInstanceCount(outcome.instanceCount);
                    for (const t of outcome.transitions) {
                        const key = `${t.status}|${t.start.getTime()}|${t.message ?? ''}`;
                        if (printed.has(key))
                            continue;
                        printed.add(key);
                        log.info(`${formatTime(t.start)}  ${t.status}${t.message ? `: ${t.message}` : ''}`);
                        // A spot interruption brings the instances back with new log streams.
                        if (described !== undefined && (t.status === 'Interrupted' || t.status === 'Restarting'))
                            tailer.expectRestart(outcome.instanceCount ?? 1);
                    }
                    described = job;
                }
            }
            catch (error) {
                if (guard.signal)
                    break;
                if ((0,errors/* isThrottling */.E2)(error)) {
                    outcome.stats.throttled++;
                    pressure = 2;
                }
                else if (((0,errors/* isTransient */.dg)(error) || (0,errors/* isUnreadableAnswer */.MV)(error)) && ++failedPolls < MAX_FAILED_POLLS) {
                    outcome.stats.errors++;
                    pressure = 2;
                    log.info(`Could not read the job's status this time (${(0,errors/* errorName */.Is)(error) || (0,src_errors/* errorMessage */.g)(error)}); trying again.`);
                }
                else
                    throw readStatusError(jobName, region, error);
            }
            if (guard.signal)
                break;
            const finished = job_status/* TERMINAL_STATUSES */.C.includes(described?.TrainingJobStatus ?? '');
            // Before the container starts there is nothing to log; looking for streams would be wasted calls.
            const containerMayRun = finished || !BEFORE_CONTAINER.has(described?.SecondaryStatus ?? 'Starting');
            const tail = await tailer.poll(containerMayRun);
            outcome.stats.logCalls += tail.calls;
            if (tail.throttled) {
                outcome.stats.throttled++;
                pressure = Math.max(pressure, 1.5);
            }
            if (finished || guard.signal)
                break;
            if (lastPoll) {
                outcome.timedOut = true;
                break;
            }
            // Back off while AWS pushes back; come back to the set pace once it stops.
            interval =
                pressure > 1
                    ? Math.min(Math.round(interval * pressure), maxInterval)
                    : Math.max(baseInterval, Math.floor(interval / 2));
            await sleepUnlessCancelled(sleep, Math.max(0, Math.min(interval, deadline - clock.now())), wake.signal);
            if (guard.signal)
                break;
        }
    }
    finally {
        // A cancel is settled by the guard once its stop went through; anything else
        // (ended, timed out, status unreadable) leaves nothing for post to do.
        if (!guard.signal) {
            options.onSettled();
            guard.dispose();
        }
    }
    if (guard.signal) {
        outcome.cancelled = true;
        outcome.leftRunning = !settings.stopOnCancel;
        const stopped = await guard.stopped();
        guard.dispose();
        if (stopped) {
            // What SageMaker now says, without another call: the stop was accepted.
            outcome.status = 'Stopping';
            outcome.secondaryStatus = 'Stopping';
        }
        // An error, not an outcome: the job is still running and nothing may mark it settled,
        // so that the post step tries the stop again.
        if (stopError !== undefined)
            throw new Error(`The run was cancelled (${guard.signal}) and training job ${jobName} could not be stopped: ` +
                `${(0,src_errors/* errorMessage */.g)(stopError)}. Stop it in the SageMaker console if the post step cannot: ` +
                (0,urls/* trainingJobConsoleUrl */.Yf)(region, jobName));
        return outcome;
    }
    if (outcome.timedOut) {
        outcome.status = 'WaitTimedOut';
        log.warning(`Stopped waiting after ${settings.waitTimeoutMinutes} minutes (wait-timeout-minutes): training job ${jobName} is ` +
            `still ${outcome.lastStatus ?? 'running'}${outcome.secondaryStatus ? ` (${outcome.secondaryStatus})` : ''} and keeps running. ` +
            `Follow it at ${(0,urls/* trainingJobConsoleUrl */.Yf)(region, jobName)}`);
    }
    for (const line of reportLines(outcome))
        log.info(line);
    return outcome;
}
/** Why the job's status could not be read, naming the call; "not found" says where we looked. */
function readStatusError(jobName, region, error) {
    if (error instanceof Error && /was not found/.test(error.message))
        return error;
    const explained = (0,errors/* explainAwsError */.Ni)(describe.DESCRIBE_CALL, error);
    return new Error(`Could not read the status of training job ${jobName} (${region}): ${explained.message}`);
}
/**
 * Sleeps, but wakes as soon as `signal` aborts, even if an injected sleep ignores
 * the signal. A listener per sleep, removed after, so long waits do not pile them up.
 */
function sleepUnlessCancelled(sleep, ms, signal) {
    if (signal.aborted)
        return Promise.resolve();
    return new Promise((resolve) => {
        const done = () => {
            signal.removeEventListener('abort', done);
            resolve();
        };
        signal.addEventListener('abort', done);
        sleep(ms, signal).then(done, done);
    });
}
/** `2026-11-22 09:41:03Z` */
function formatTime(date) {
    return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}


/***/ })

};
