export const id = 409;
export const ids = [409,614];
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

/***/ 9409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  waitForJob: () => (/* binding */ waitForJob)
});

// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/aws/credentials.ts
var credentials = __webpack_require__(6963);
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




/** The call the tailer makes, as errors name it. */
const FILTER_CALL = {
    service: 'CloudWatch Logs',
    operation: 'FilterLogEvents',
    permissions: [`logs:FilterLogEvents on ${urls/* LOG_GROUP */.Rs}`]
};
/** The most events AWS returns in a page, and what we ask for. */
const PAGE_EVENTS = 10_000;
/**
 * A page holds at most 1 MB; one with more than this in it counts as cut by that limit.
 * Single events can be big, so a page cut with less in it is possible: taken for short, it
 * only waits for the next poll, which reads on from it.
 */
const FULL_PAGE_BYTES = 768 * 1024;
/** AWS counts this much per event towards a page's size. */
const EVENT_OVERHEAD_BYTES = 26;
/** Pages read in one poll at most; the next poll carries on from there. */
const MAX_PAGES_PER_POLL = 10;
/**
 * How late an event may reach CloudWatch (stamped this long before the newest one seen)
 * and still be printed. Instances send their lines in batches every few seconds; a minute
 * covers a slow or retried batch with room to spare, and costs only bytes read again.
 */
const LATE_EVENT_MARGIN_MS = 60_000;
/**
 * Event ids kept to recognise the events read again in that margin. A very chatty job
 * keeps fewer than the margin's worth, so that reading them again never fills a page by
 * itself; events older than the oldest kept then are no longer waited for.
 */
const MAX_REMEMBERED_EVENTS = 2_000;
const MAX_REMEMBERED_BYTES = 256 * 1024;
/** Instances start after the job is created; this allows for their clocks being a little behind. */
const CLOCK_SKEW_MS = 5 * 60_000;
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
    expected;
    instances = new Set();
    disabled = false;
    print;
    log;
    /** The next poll asks for events from here on (undefined: from the start of the streams). */
    floor;
    /** The events printed at or after `floor`, oldest first, to skip them when they come again. */
    remembered = [];
    seen = new Set();
    rememberedBytes = 0;
    newest = -Infinity;
    constructor(client, jobName, options) {
        this.client = client;
        this.jobName = jobName;
        this.expected = Math.max(1, options.instanceCount);
        this.log = options.log;
        // Training output is someone else's text: it is shown, never obeyed as a runner command.
        this.print = options.print ?? ((lines, multi) => lines.length > 0 && this.log.untrusted(formatLines(lines, multi)));
    }
    /** The instances that have written so far (`algo-1`, ...). */
    get instanceNames() {
        return [...this.instances].sort();
    }
    /** The job's instance count, once DescribeTrainingJob has told us. */
    setInstanceCount(count) {
        if (count > 0)
            this.expected = count;
    }
    /**
     * When the job was created: no event of it can be older, and telling AWS where to start
     * keeps it from searching (and answering with empty pages) through the group's history.
     */
    startAt(createdAt) {
        if (this.floor === undefined && this.remembered.length === 0)
            this.floor = Math.max(0, createdAt - CLOCK_SKEW_MS);
    }
    /** Reads what is new in every stream of the job, prints it in time order, and says what it cost. */
    async poll() {
        const stats = { lines: 0, calls: 0, throttled: false };
        if (this.disabled)
            return stats;
        const sdk = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(303)]).then(__webpack_require__.t.bind(__webpack_require__, 2684, 19));
        const query = {
            logGroupName: urls/* LOG_GROUP */.Rs,
            logStreamNamePrefix: `${this.jobName}/`,
            ...(this.floor !== undefined ? { startTime: this.floor } : {}),
            limit: PAGE_EVENTS
        };
        let nextToken;
        let cutShort = false;
        try {
            for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
                stats.calls++;
                let out;
                try {
                    out = await this.client.send(new sdk.FilterLogEventsCommand({ ...query, nextToken }));
                }
                catch (error) {
                    const name = (0,errors/* errorName */.Is)(error);
                    // No log group yet: no container of any job in this region has written.
                    if (name === 'ResourceNotFoundException')
                        break;
                    // A token that is no longer good: the next poll asks afresh from what was printed.
                    if (name === 'InvalidParameterException' && nextToken !== undefined)
                        break;
                    throw error;
                }
                const events = out.events ?? [];
                const fresh = this.take(events);
                if (fresh.length > 0) {
                    this.print(fresh, this.expected > 1 || this.instances.size > 1);
                    stats.lines += fresh.length;
                }
                // Only a full page may have more right behind it. A page that brought back nothing but
                // events already printed was cut short inside the margin read again: what is new lies
                // behind it, and asking afresh at the next poll would get the same page.
                const onlyRepeats = events.length > 0 && fresh.length === 0;
                if (!out.nextToken || !(isFull(events) || onlyRepeats))
                    break;
                if (onlyRepeats)
                    cutShort = true;
                nextToken = out.nextToken;
            }
        }
        catch (error) {
            if ((0,errors/* isThrottling */.E2)(error))
                stats.throttled = true;
            else if ((0,errors/* isExpiredCredentials */.CW)(error)) {
                // Not a reason to stop streaming: with role-to-assume the session is renewed here (or by
                // the status poll), and without it the status poll ends the wait itself.
                if ((0,credentials/* renewAfterExpiredCredentials */.PV)(error))
                    this.log.info('The AWS session expired; role-to-assume was assumed again.');
                else
                    this.log.debug(`Reading the job's logs failed this time: the AWS session expired.`);
            }
            else if ((0,errors/* isTransient */.dg)(error))
                this.log.debug(`Reading the job's logs failed this time: ${(0,src_errors/* errorMessage */.g)(error)}`);
            else {
                // Status keeps coming from SageMaker; lost logs should not fail the run.
                this.disabled = true;
                this.log.warning(`Stopped streaming the job's logs (the job itself is still followed): ${(0,errors/* explainAwsError */.Ni)(FILTER_CALL, error).message}`);
            }
        }
        // AWS cut a page shorter than what is read again: read less again next time.
        this.forget(cutShort);
        return stats;
    }
    /** The events of a page not printed before, remembered from now on. */
    take(events) {
        const lines = [];
        for (const e of events) {
            const timestamp = e.timestamp ?? 0;
            // Without an id (AWS always sends one) the place in time stands in for it.
            const id = e.eventId ?? `${timestamp}/${e.logStreamName ?? ''}/${e.message ?? ''}`;
            if (this.seen.has(id))
                continue;
            const stream = e.logStreamName ?? '';
            const line = { instance: instanceOf(stream), stream, timestamp, message: e.message ?? '' };
            this.instances.add(line.instance);
            lines.push(line);
            this.remember({ id, timestamp, bytes: Buffer.byteLength(line.message) + EVENT_OVERHEAD_BYTES });
        }
        return lines;
    }
    remember(event) {
        this.seen.add(event.id);
        this.rememberedBytes += event.bytes;
        this.newest = Math.max(this.newest, event.timestamp);
        // Kept in time order: a late event goes in its place.
        let at = this.remembered.length;
        while (at > 0 && this.remembered[at - 1].timestamp > event.timestamp)
            at--;
        this.remembered.splice(at, 0, event);
    }
    /**
     * Moves the start of the next query up to the margin behind the newest event, and drops
     * the ids of the events before it, which cannot come back. For a chatty job it moves
     * further, to keep what is read again small (`shrink`: up to the newest event); the
     * events of one timestamp are dropped together, and the newest ones are always kept.
     */
    forget(shrink) {
        if (this.remembered.length === 0)
            return;
        let floor = Math.max(0, this.floor ?? 0, shrink ? this.newest : this.newest - LATE_EVENT_MARGIN_MS);
        let drop = 0;
        const dropOne = () => {
            const event = this.remembered[drop++];
            this.seen.delete(event.id);
            this.rememberedBytes -= event.bytes;
        };
        while (drop < this.remembered.length && this.remembered[drop].timestamp < floor)
            dropOne();
        const tooMany = () => this.remembered.length - drop > MAX_REMEMBERED_EVENTS || this.rememberedBytes > MAX_REMEMBERED_BYTES;
        while (tooMany() && this.remembered[drop].timestamp < this.newest) {
            const oldest = this.remembered[drop].timestamp;
            while (this.remembered[drop].timestamp === oldest)
                dropOne();
            floor = this.remembered[drop].timestamp;
        }
        if (drop > 0)
            this.remembered = this.remembered.slice(drop);
        this.floor = floor;
    }
}
/** A page cut by AWS's limits (so more may follow right behind it), not one that ran out of events. */
function isFull(events) {
    if (events.length >= PAGE_EVENTS)
        return true;
    let bytes = 0;
    for (const e of events)
        bytes += Buffer.byteLength(e.message ?? '') + EVENT_OVERHEAD_BYTES;
    return bytes >= FULL_PAGE_BYTES;
}

// EXTERNAL MODULE: ./src/job/outcome.ts
var job_outcome = __webpack_require__(7619);
;// CONCATENATED MODULE: ./src/job/poll-schedule.ts
/**
 * How long the wait sleeps between two looks at a training job.
 *
 * A training job spends most of its life in one state (Training, for hours) and changes
 * in clusters (Starting → Downloading → Training; Uploading → Completed). So the wait
 * starts at the set interval, stretches it while nothing changes, and comes back to it
 * as soon as something does: each look at a quiet job costs AWS calls (and counts
 * against the account's request quotas) without telling us anything new.
 *
 * The stretch is bounded: the longer the gap, the later the step notices that the job
 * ended, and the runner's minutes keep running until it does. At most 4× the set
 * interval (2 minutes at the default 30 seconds), and never more than 5 minutes, unless
 * the set interval itself is longer.
 *
 * Throttling is another matter: when AWS pushes back, the interval grows by how hard it
 * pushed, up to 8× the set interval (at least a minute), and comes back by halves once it
 * stops, whatever the job does meanwhile.
 */
/** How much a quiet interval grows at each look that found nothing new. */
const QUIET_GROWTH = 1.5;
/** A quiet interval grows to at most this many set intervals ... */
const QUIET_MAX_FACTOR = 4;
/** ... and at most this long (unless the set interval is longer). */
const QUIET_MAX_MS = 5 * 60_000;
/** Under throttling the interval grows to at most this many set intervals ... */
const BACKOFF_MAX_FACTOR = 8;
/** ... or this long, whichever is more. */
const BACKOFF_MAX_MS = 60_000;
/** The bounds for a set interval of `pollIntervalSeconds` (at least one second). */
function pollSchedule(pollIntervalSeconds) {
    const baseMs = Math.max(1, pollIntervalSeconds) * 1000;
    return {
        baseMs,
        quietMaxMs: Math.max(baseMs, Math.min(baseMs * QUIET_MAX_FACTOR, QUIET_MAX_MS)),
        backoffMaxMs: Math.max(baseMs * BACKOFF_MAX_FACTOR, BACKOFF_MAX_MS)
    };
}
/** The interval after a look: a pure function of the schedule and what the look found. */
function nextPoll(schedule, result) {
    const { baseMs, quietMaxMs, backoffMaxMs } = schedule;
    const previous = Math.max(baseMs, result.previousMs);
    let intervalMs;
    if (result.pressure > 1)
        intervalMs = Math.min(Math.round(previous * result.pressure), backoffMaxMs);
    else if (previous > quietMaxMs)
        // Coming back from a throttling backoff: by halves, so as not to run straight into it again.
        intervalMs = Math.max(Math.floor(previous / 2), result.changed ? baseMs : quietMaxMs);
    else if (result.changed)
        intervalMs = baseMs;
    else
        intervalMs = Math.min(Math.round(previous * QUIET_GROWTH), quietMaxMs);
    return { intervalMs, sleepMs: Math.max(0, Math.min(intervalMs, result.remainingMs)) };
}

// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/job/report.ts
/** The few lines the step log shows when a wait ends. */

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
            lines.push(`  ${m.name} = ${(0,src_text/* formatMetric */.gI)(m.value)}`);
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
/** What the wait cost in AWS calls, for the debug log: `12 polls: 12 DescribeTrainingJob, 9 FilterLogEvents`. */
function callsLine(outcome) {
    const { polls, describeCalls, logCalls, throttled, errors } = outcome.stats;
    const extra = [throttled ? `${throttled} throttled` : '', errors ? `${errors} failed` : ''].filter(Boolean);
    return (`Waited through ${polls} poll${polls === 1 ? '' : 's'}: ${describeCalls} DescribeTrainingJob, ${logCalls} FilterLogEvents` +
        (extra.length > 0 ? ` (${extra.join(', ')})` : ''));
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
/** Consecutive failed polls (not throttling) before giving up on the job's status. */
const MAX_FAILED_POLLS = 10;
/** Secondary statuses during which no training container runs yet, so there are no logs to read. */
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
        sageMaker = options.clients?.sageMaker ?? (await (0,clients/* sageMakerClient */.K6)(region));
        // Its own client: the adaptive rate limiter is per client, and after heavy throttling of
        // the polls it could hold back the one call that has to go out at once.
        stopper = options.clients?.sageMaker ?? (await (0,clients/* sageMakerClient */.K6)(region));
        logs = options.clients?.logs ?? (await (0,clients/* logsClient */.RU)(region));
        // Loaded now so that a stop on cancel does not wait for a module to load.
        await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(459)]).then(__webpack_require__.t.bind(__webpack_require__, 4459, 19));
    }
    catch (error) {
        guard.dispose();
        throw error;
    }
    const schedule = pollSchedule(settings.pollIntervalSeconds);
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
    let interval = schedule.baseMs;
    // What the last poll saw, to tell whether this one saw a change.
    let seenStatus;
    let logsSinceChange = false;
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
            let changed = false;
            let gone = false;
            try {
                outcome.stats.describeCalls++;
                const job = await (0,describe/* describeJob */.hx)(sageMaker, jobName);
                if (!job) {
                    gone = ++notFound > MAX_NOT_FOUND_POLLS || described !== undefined;
                    // Not a quiet job but one about to show up: look again at the set pace.
                    changed = true;
                }
                else {
                    notFound = 0;
                    failedPolls = 0;
                    if ((job.$metadata.attempts ?? 1) > 1)
                        pressure = 1.5;
                    (0,job_outcome/* absorbDescription */.Kd)(outcome, job, clock.now());
                    if (outcome.instanceCount)
                        tailer.setInstanceCount(outcome.instanceCount);
                    if (job.CreationTime)
                        tailer.startAt(job.CreationTime.getTime());
                    for (const t of outcome.transitions) {
                        const key = `${t.status}|${t.start.getTime()}|${t.message ?? ''}`;
                        if (printed.has(key))
                            continue;
                        printed.add(key);
                        changed = true;
                        log.info(`${formatTime(t.start)}  ${t.status}${t.message ? `: ${t.message}` : ''}`);
                    }
                    const status = `${job.TrainingJobStatus ?? ''}|${job.SecondaryStatus ?? ''}`;
                    if (status !== seenStatus)
                        changed = true;
                    seenStatus = status;
                    described = job;
                }
            }
            catch (error) {
                if (guard.signal)
                    break;
                if ((0,errors/* isExpiredCredentials */.CW)(error)) {
                    // With role-to-assume the action renews its own session and polls on; without it, the
                    // workflow's session ran out: stop following the job, which goes on running.
                    if ((0,credentials/* renewAfterExpiredCredentials */.PV)(error)) {
                        log.info('The AWS session expired; role-to-assume was assumed again.');
                        continue;
                    }
                    outcome.credentialsExpired = true;
                    break;
                }
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
            if (gone)
                throw new Error(`Training job ${jobName} was not found in ${region}.`);
            const finished = job_status/* TERMINAL_STATUSES */.C.includes(described?.TrainingJobStatus ?? '');
            // Before the container starts there is nothing to log: reading would be wasted calls.
            // Once the job ended the logs are read one last time, for its final lines.
            const containerMayRun = finished || !BEFORE_CONTAINER.has(described?.SecondaryStatus ?? 'Starting');
            if (containerMayRun) {
                const tail = await tailer.poll();
                outcome.stats.logCalls += tail.calls;
                if (tail.throttled) {
                    outcome.stats.throttled++;
                    pressure = Math.max(pressure, 1.5);
                }
                // The logs changed when they start: the container's first lines, or its first since the
                // status last changed (after a spot restart, say). Lines that keep coming at every poll
                // are the job going on as before, and let the polls stretch.
                if (changed)
                    logsSinceChange = false;
                if (tail.lines > 0 && !logsSinceChange) {
                    changed = true;
                    logsSinceChange = true;
                }
            }
            if (finished || guard.signal)
                break;
            if (lastPoll) {
                outcome.timedOut = true;
                break;
            }
            const next = nextPoll(schedule, { previousMs: interval, changed, pressure, remainingMs: deadline - clock.now() });
            interval = next.intervalMs;
            await sleepUnlessCancelled(sleep, next.sleepMs, wake.signal);
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
    if (outcome.credentialsExpired) {
        outcome.status = 'InProgress';
        log.warning(`The AWS credentials expired while waiting: training job ${jobName} keeps running and is no longer followed ` +
            `(last seen ${outcome.lastStatus ?? 'running'}${outcome.secondaryStatus ? `, ${outcome.secondaryStatus}` : ''}). ` +
            `To wait as long as training takes, set role-to-assume (the action then renews its own session), or make the ` +
            `session of configure-aws-credentials last longer (role-duration-seconds, and the role's maximum session ` +
            `duration). Follow the job at ${(0,urls/* trainingJobConsoleUrl */.Yf)(region, jobName)}`);
    }
    if (outcome.timedOut) {
        outcome.status = 'WaitTimedOut';
        log.warning(`Stopped waiting after ${settings.waitTimeoutMinutes} minutes (wait-timeout-minutes): training job ${jobName} is ` +
            `still ${outcome.lastStatus ?? 'running'}${outcome.secondaryStatus ? ` (${outcome.secondaryStatus})` : ''} and keeps running. ` +
            `Follow it at ${(0,urls/* trainingJobConsoleUrl */.Yf)(region, jobName)}`);
    }
    for (const line of reportLines(outcome))
        log.info(line);
    log.debug(callsLine(outcome));
    return outcome;
}
/** Why the job's status could not be read, naming the call. */
function readStatusError(jobName, region, error) {
    const explained = (0,errors/* explainAwsError */.Ni)(describe/* DESCRIBE_CALL */.HF, error);
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
