export const id = 310;
export const ids = [310];
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

/***/ 2310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jobFailure: () => (/* binding */ jobFailure),
  waitForJob: () => (/* binding */ waitForJob)
});

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/aws-clients.ts
var aws_clients = __webpack_require__(6447);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/job-aws.ts
var job_aws = __webpack_require__(1036);
;// CONCATENATED MODULE: ./src/job-logs.ts
/**
 * Tails a training job's CloudWatch logs into the step log.
 *
 * SageMaker writes one stream per instance, `<job>/algo-<n>-<epoch>`, in the
 * `/aws/sagemaker/TrainingJobs` group. Neither the group nor the streams exist
 * until a container first writes, so "not found" only means "not yet".
 *
 * Calls are kept to what new lines need: DescribeLogStreams only until every
 * instance's stream is known (again after a spot interruption, which starts new
 * streams), then one GetLogEvents per stream per poll, continuing from the
 * stream's nextForwardToken. A poll with nothing new costs one call per stream.
 */




/** A page this big may have a next one right behind it; smaller pages wait for the next poll. */
const FULL_PAGE_EVENTS = 1000;
const FULL_PAGE_BYTES = 512 * 1024;
const MAX_PAGES_PER_POLL = 10;
/** The instance part of a stream name: `job/algo-2-1700000000` → `algo-2`. */
function instanceOf(stream) {
    const tail = stream.slice(stream.indexOf('/') + 1);
    return /^(algo-\d+)/.exec(tail)?.[1] ?? tail;
}
/**
 * Prints a batch of lines. Training output could contain `::command::` lines,
 * which the runner would obey (masking, outputs, env); a batch that has such a
 * line is wrapped in stop-commands so it is only shown.
 */
function printLines(lines, multiInstance) {
    if (lines.length === 0)
        return;
    const text = lines.map((l) => {
        const message = l.message.replace(/\r?\n$/, '');
        return multiInstance ? `[${l.instance}] ${message}` : message;
    });
    const risky = text.some((t) => /(^|\n)\s*::/.test(t));
    const token = risky ? `train-on-push-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}` : '';
    if (risky)
        runner/* info */.pq(`::stop-commands::${token}`);
    for (const t of text)
        runner/* info */.pq(t);
    if (risky)
        runner/* info */.pq(`::${token}::`);
}
/** Follows every instance's log stream of one job. */
class LogTailer {
    client;
    jobName;
    streams = new Map();
    expected;
    disabled = false;
    print;
    constructor(client, jobName, options) {
        this.client = client;
        this.jobName = jobName;
        this.expected = Math.max(1, options.instanceCount);
        this.print = options.print ?? printLines;
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
            if ((0,job_aws/* isThrottling */.E2)(error))
                stats.throttled = true;
            else if ((0,job_aws/* isTransient */.dg)(error))
                runner/* debug */.Yz(`Reading the job's logs failed this time: ${(0,errors/* errorMessage */.g)(error)}`);
            else {
                // Status keeps coming from SageMaker; lost logs should not fail the run.
                this.disabled = true;
                runner/* warning */.$e(`Stopped streaming the job's CloudWatch logs: ${(0,job_aws/* errorName */.Is)(error) || 'error'}: ${(0,errors/* errorMessage */.g)(error)}. ` +
                    `The credentials need logs:DescribeLogStreams and logs:GetLogEvents on ${constants/* LOG_GROUP */.Rs}.`);
            }
        }
        return stats;
    }
    async discover(sdk, stats) {
        let nextToken;
        let pages = 0;
        do {
            stats.calls++;
            let out;
            try {
                out = await this.client.send(new sdk.DescribeLogStreamsCommand({
                    logGroupName: constants/* LOG_GROUP */.Rs,
                    logStreamNamePrefix: `${this.jobName}/`,
                    orderBy: 'LogStreamName',
                    limit: 50,
                    nextToken
                }));
            }
            catch (error) {
                if ((0,job_aws/* errorName */.Is)(error) === 'ResourceNotFoundException')
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
            let out;
            try {
                out = await this.client.send(new sdk.GetLogEventsCommand({
                    logGroupName: constants/* LOG_GROUP */.Rs,
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
                const name = (0,job_aws/* errorName */.Is)(error);
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

// EXTERNAL MODULE: ./src/job-urls.ts
var job_urls = __webpack_require__(2983);
// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
;// CONCATENATED MODULE: ./src/job-wait.ts
/**
 * Watching a training job to the end: status transitions and every instance's
 * logs in the step log, a summary of how it went, and a stop when the workflow
 * is cancelled.
 *
 * This is our own loop rather than the SDK's waiter: the waiter sleeps 2 minutes
 * between polls and up to 6 hours after a while, cannot stream logs, and treats
 * `Stopped` (even MaxRuntimeExceeded) as success.
 */










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
 * Polls until the job ends or the timeout elapses; streams logs; installs the cancel handler (per settings.stopOnCancel) for its duration. Fills and returns a JobOutcome-compatible partial (status, secondaryStatus, failureReason, transitions, metrics, modelArtifacts, trainingSeconds, billableSeconds). Does NOT throw for a failed job: returns the outcome; see `jobFailure`. Throws only when the job's status cannot be read at all (missing, no permission, AWS unreachable for long), or when the run was cancelled and the stop did not go through (the job still runs; post retries).
 */
async function waitForJob(settings, jobName, options = {}) {
    const clock = options.clock ?? realClock;
    const sleep = options.sleep ?? realSleep;
    const region = settings.config.region;
    // Listening before anything else: a cancel while the clients load is still caught,
    // and the stop goes out as soon as there is a client to send it.
    const guard = (0,cancel/* guardAgainstCancel */.l)({
        stopOnCancel: settings.stopOnCancel,
        onSettled: () => state/* save */.UN(constants/* State */.Uw.JobSettled, 'true'),
        source: options.signals
    });
    let sageMaker;
    let stopper;
    let logs;
    try {
        sageMaker = options.clients?.sageMaker ?? (await (0,aws_clients/* sageMakerClient */.K6)(region));
        // Its own client: the adaptive rate limiter is per client, and after heavy throttling of
        // the polls it could hold back the one call that has to go out at once.
        stopper = options.clients?.sageMaker ?? (await (0,aws_clients/* sageMakerClient */.K6)(region));
        logs = options.clients?.logs ?? (await (0,aws_clients/* logsClient */.RU)(region));
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
        print: options.printLogs
    });
    const printed = new Set();
    let stopError;
    guard.arm(jobName, async () => {
        try {
            const result = await (0,job_aws/* stopJob */.CC)(stopper, jobName);
            outcome.stopRequested = result === 'stopping';
            if (result !== 'stopping')
                runner/* info */.pq(`Training job ${jobName} had already ended.`);
        }
        catch (error) {
            stopError = error;
            throw error;
        }
    });
    const wake = new AbortController();
    void guard.cancelled.then(() => wake.abort());
    runner/* info */.pq(`Waiting for training job ${jobName}: ${(0,job_urls/* trainingJobConsoleUrl */.Yf)(region, jobName)}`);
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
                const job = await (0,job_aws/* describeJob */.hx)(sageMaker, jobName);
                if (!job) {
                    if (++notFound > MAX_NOT_FOUND_POLLS || described)
                        throw new Error(`Training job ${jobName} was not found in ${region}.`);
                }
                else {
                    notFound = 0;
                    failedPolls = 0;
                    if ((job.$metadata.attempts ?? 1) > 1)
                        pressure = 1.5;
                    absorb(outcome, job, printed, tailer, clock, described === undefined);
                    described = job;
                }
            }
            catch (error) {
                if (guard.signal)
                    break;
                if ((0,job_aws/* isThrottling */.E2)(error)) {
                    outcome.stats.throttled++;
                    pressure = 2;
                }
                else if ((0,job_aws/* isTransient */.dg)(error) && ++failedPolls < MAX_FAILED_POLLS) {
                    outcome.stats.errors++;
                    pressure = 2;
                    runner/* info */.pq(`Could not read the job's status this time (${(0,job_aws/* errorName */.Is)(error) || (0,errors/* errorMessage */.g)(error)}); trying again.`);
                }
                else
                    throw describeError(jobName, error);
            }
            if (guard.signal)
                break;
            const finished = job_aws/* TERMINAL_STATUSES */.CM.includes(described?.TrainingJobStatus ?? '');
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
            state/* save */.UN(constants/* State */.Uw.JobSettled, 'true');
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
                `${(0,errors/* errorMessage */.g)(stopError)}. Stop it in the SageMaker console if the post step cannot: ` +
                (0,job_urls/* trainingJobConsoleUrl */.Yf)(region, jobName));
        return outcome;
    }
    if (outcome.timedOut) {
        outcome.status = 'WaitTimedOut';
        runner/* warning */.$e(`Stopped waiting after ${settings.waitTimeoutMinutes} minutes (wait-timeout-minutes): training job ${jobName} is ` +
            `still ${outcome.lastStatus ?? 'running'}${outcome.secondaryStatus ? ` (${outcome.secondaryStatus})` : ''} and keeps running. ` +
            `Follow it at ${(0,job_urls/* trainingJobConsoleUrl */.Yf)(region, jobName)}`);
    }
    report(outcome);
    return outcome;
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
/** Copies what DescribeTrainingJob says into the outcome, printing new status transitions. */
function absorb(outcome, job, printed, tailer, clock, firstLook) {
    outcome.status = job.TrainingJobStatus;
    outcome.lastStatus = job.TrainingJobStatus;
    outcome.secondaryStatus = job.SecondaryStatus;
    outcome.failureReason = job.FailureReason || undefined;
    outcome.modelArtifacts = job.ModelArtifacts?.S3ModelArtifacts;
    outcome.trainingSeconds = job.TrainingTimeInSeconds;
    outcome.billableSeconds = job.BillableTimeInSeconds;
    if (job.EnableManagedSpotTraining !== undefined)
        outcome.spot = job.EnableManagedSpotTraining;
    const count = job.ResourceConfig?.InstanceCount ??
        job.ResourceConfig?.InstanceGroups?.reduce((n, g) => n + (g.InstanceCount ?? 0), 0);
    if (count) {
        outcome.instanceCount = count;
        tailer.setInstanceCount(count);
    }
    outcome.metrics = (job.FinalMetricDataList ?? []).map((m) => ({
        name: m.MetricName ?? '',
        value: m.Value ?? NaN
    }));
    if (outcome.spot)
        outcome.spotSavingPercent = (0,summary/* spotSaving */.nw)(outcome);
    const transitions = (job.SecondaryStatusTransitions ?? []).map((t) => ({
        status: t.Status ?? '',
        start: t.StartTime ?? new Date(clock.now()),
        end: t.EndTime,
        message: t.StatusMessage || undefined
    }));
    if (transitions.length === 0 && job.SecondaryStatus) {
        // Older or partial answers carry no transitions: keep our own record of the changes seen.
        const last = outcome.transitions.at(-1);
        if (last?.status !== job.SecondaryStatus) {
            if (last)
                last.end = new Date(clock.now());
            outcome.transitions.push({ status: job.SecondaryStatus, start: new Date(clock.now()) });
        }
    }
    else
        outcome.transitions = transitions;
    for (const t of outcome.transitions) {
        const key = `${t.status}|${t.start.getTime()}|${t.message ?? ''}`;
        if (printed.has(key))
            continue;
        printed.add(key);
        runner/* info */.pq(`${formatTime(t.start)}  ${t.status}${t.message ? `: ${t.message}` : ''}`);
        // A spot interruption brings the instances back with new log streams.
        if (!firstLook && (t.status === 'Interrupted' || t.status === 'Restarting'))
            tailer.expectRestart(outcome.instanceCount ?? 1);
    }
}
/** Prints how the job ended, as the SageMaker Python SDK does at the end of `fit()`. */
function report(outcome) {
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
    for (const line of lines)
        runner/* info */.pq(line);
}
/**
 * The error message when the step must fail: the job Failed, ran past its
 * MaxRuntime (or spot MaxWait), was stopped by someone other than this run, or the
 * run was cancelled. Undefined when it completed, or is still running past
 * `wait-timeout-minutes` (a warning, not a failure).
 */
function jobFailure(outcome) {
    const name = outcome.name;
    const reason = outcome.failureReason ? `: ${outcome.failureReason}` : '';
    if (outcome.cancelled) {
        if (outcome.stopRequested)
            return `The run was cancelled; training job ${name} was asked to stop.`;
        if (outcome.leftRunning)
            return `The run was cancelled; training job ${name} keeps running (stop-on-cancel: false).`;
        return `The run was cancelled.`;
    }
    switch (outcome.status) {
        case 'Failed':
            return `Training job ${name} failed${reason || ' (SageMaker gave no reason)'}`;
        case 'Stopped':
        case 'Stopping':
            if (outcome.secondaryStatus === 'MaxRuntimeExceeded')
                return `Training job ${name} was stopped: it ran past its maximum runtime (MaxRuntimeInSeconds)${reason}`;
            if (outcome.secondaryStatus === 'MaxWaitTimeExceeded')
                return `Training job ${name} was stopped: spot capacity plus runtime exceeded MaxWaitTimeInSeconds${reason}`;
            if (!outcome.stopRequested)
                return `Training job ${name} was stopped by someone else (not by this run)${reason}`;
            return undefined;
        default:
            return undefined;
    }
}
function describeError(jobName, error) {
    if (error instanceof Error && /was not found/.test(error.message))
        return error;
    const code = (0,job_aws/* errorName */.Is)(error);
    const hint = code === 'AccessDeniedException' ? ' (the credentials need sagemaker:DescribeTrainingJob)' : '';
    const what = (0,job_aws/* isJobNotFound */.tl)(error) ? 'not found' : `${code ? `${code}: ` : ''}${(0,errors/* errorMessage */.g)(error)}`;
    return new Error(`Could not read the status of training job ${jobName}: ${what}${hint}`);
}
/** `2026-11-22 09:41:03Z` */
function formatTime(date) {
    return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}


/***/ })

};
