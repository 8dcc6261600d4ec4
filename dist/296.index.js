export const id = 296;
export const ids = [296];
export const modules = {

/***/ 9296:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SEARCH_CALL: () => (/* binding */ SEARCH_CALL),
/* harmony export */   compareMetrics: () => (/* binding */ compareMetrics),
/* harmony export */   finalMetrics: () => (/* binding */ finalMetrics),
/* harmony export */   findBaseline: () => (/* binding */ findBaseline),
/* harmony export */   metricsJson: () => (/* binding */ metricsJson)
/* harmony export */ });
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9378);
/* harmony import */ var _lineage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2206);


const SEARCH_CALL = { service: 'SageMaker', operation: 'Search', permissions: ['sagemaker:Search'] };
// A tag value exactly as lineageTags writes it (characters tags do not allow become `_`),
// so the search matches what the earlier runs wrote.
function lineageTagValue(key, value) {
    const blank = {
        sha: '',
        shortSha: '',
        repository: '',
        ref: '',
        runUrl: '',
        runAttempt: '',
        actor: '',
        event: ''
    };
    const tag = (0,_lineage_js__WEBPACK_IMPORTED_MODULE_1__/* .lineageTags */ .v4)({ ...blank, [key]: value }).find((t) => t.Key === `${_lineage_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG_PREFIX */ .C_}${key}`);
    return tag?.Value ?? value;
}
const tagOf = (job, key) => job.Tags?.find((t) => t.Key === `${_lineage_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG_PREFIX */ .C_}${key}`)?.Value;
/** The final metrics of a job; values the SDK could not read as numbers (`nan`) become NaN. */
function finalMetrics(job) {
    return (job.FinalMetricDataList ?? []).map((m) => ({
        name: m.MetricName ?? '',
        value: typeof m.Value === 'number' ? m.Value : Number(m.Value ?? NaN)
    }));
}
/**
 * Finds the newest Completed job (by creation time) of `repository` and `ref` other than
 * `excludeJob`, with SageMaker Search on the lineage tags. Jobs that ran uncommitted files,
 * were created after `createdBefore`, or lack one of `metricNames` are passed over; at most
 * `maxPages` pages are read. Undefined when there is none; a failed Search throws,
 * explained (`sagemaker:Search`).
 *
 * Usage: `const baseline = await findBaseline({ client, repository, ref, excludeJob: jobName, log })`
 */
async function findBaseline(query) {
    const { log } = query;
    const ref = query.ref ?? (query.branch !== undefined ? `refs/heads/${query.branch}` : '');
    if (query.repository === '' || ref === '') {
        log?.info('No baseline: the run has no repository or branch to look one up by.');
        return undefined;
    }
    const { SearchCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(459)]).then(__webpack_require__.t.bind(__webpack_require__, 4459, 19));
    const input = {
        Resource: 'TrainingJob',
        SearchExpression: {
            Filters: [
                {
                    Name: `Tags.${_lineage_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG_PREFIX */ .C_}repository`,
                    Operator: 'Equals',
                    Value: lineageTagValue('repository', query.repository)
                },
                { Name: `Tags.${_lineage_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG_PREFIX */ .C_}ref`, Operator: 'Equals', Value: lineageTagValue('ref', ref) },
                { Name: 'TrainingJobStatus', Operator: 'Equals', Value: 'Completed' },
                // SageMaker refuses an empty filter value, so a plan (no job of its own) sends none.
                ...(query.excludeJob
                    ? [{ Name: 'TrainingJobName', Operator: 'NotEquals', Value: query.excludeJob }]
                    : [])
            ]
        },
        // Creation order is push order: the job of the previous push, even if a slower one ended later.
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: query.pageSize ?? 10
    };
    const maxPages = query.maxPages ?? 3;
    const passedOver = { dirty: 0, newer: 0, lacking: 0 };
    let seen = 0;
    for (let page = 0; page < maxPages; page++) {
        let answer;
        try {
            answer = await query.client.send(new SearchCommand(input));
        }
        catch (error) {
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .explainAwsError */ .Ni)(SEARCH_CALL, error);
        }
        for (const result of answer.Results ?? []) {
            const job = result.TrainingJob;
            if (!job?.TrainingJobName || job.TrainingJobName === query.excludeJob)
                continue;
            seen++;
            const verdict = passOver(job, query);
            if (verdict) {
                passedOver[verdict]++;
                log?.debug(`Baseline: passed over ${job.TrainingJobName} (${REASONS[verdict]}).`);
                continue;
            }
            const [sha, runUrl, dirty] = [tagOf(job, 'sha'), tagOf(job, 'run-url'), tagOf(job, 'dirty')];
            const endedAt = job.TrainingEndTime ?? job.LastModifiedTime;
            return {
                jobName: job.TrainingJobName,
                ...(job.TrainingJobArn ? { arn: job.TrainingJobArn } : {}),
                ...(sha ? { sha } : {}),
                ...(runUrl ? { runUrl } : {}),
                ...(job.CreationTime ? { createdAt: job.CreationTime } : {}),
                ...(endedAt ? { endedAt } : {}),
                metrics: finalMetrics(job),
                ...(dirty !== undefined ? { dirty } : {})
            };
        }
        if (!answer.NextToken)
            break;
        input.NextToken = answer.NextToken;
    }
    const skipped = Object.keys(passedOver)
        .filter((k) => passedOver[k] > 0)
        .map((k) => `${passedOver[k]} ${REASONS[k]}`);
    log?.info(`No baseline: no earlier completed job of ${query.repository} on ${ref}` +
        (seen > 0 ? ` qualifies among the ${seen} newest (passed over: ${skipped.join('; ')})` : '') +
        '.');
    return undefined;
}
const REASONS = {
    dirty: 'ran uncommitted files',
    newer: "created after this run's job",
    lacking: 'did not report every gated metric'
};
function passOver(job, query) {
    if (!query.includeDirty && tagOf(job, 'dirty') !== undefined)
        return 'dirty';
    if (query.createdBefore && job.CreationTime && job.CreationTime.getTime() >= query.createdBefore.getTime())
        return 'newer';
    if (query.metricNames?.length) {
        const metrics = finalMetrics(job);
        const ok = query.metricNames.every((name) => Number.isFinite(metrics.find((m) => m.name === name)?.value ?? NaN));
        if (!ok)
            return 'lacking';
    }
    return undefined;
}
/**
 * This run's final metrics against the baseline's, in this run's order, then the ones only
 * the baseline reported. Whether up is better depends on the metric: that is for gates to say.
 *
 * Usage: `compareMetrics(outcome.metrics, baseline.metrics)`
 */
function compareMetrics(current, baseline) {
    const out = [];
    const seen = new Set();
    const find = (list, name) => list.find((m) => m.name === name);
    for (const metric of current) {
        if (seen.has(metric.name))
            continue;
        seen.add(metric.name);
        const earlier = find(baseline, metric.name);
        const now = metric.value;
        const then = earlier?.value;
        const entry = {
            name: metric.name,
            value: now,
            ...(then !== undefined ? { baseline: then } : {}),
            direction: 'same'
        };
        if (!Number.isFinite(now))
            entry.direction = 'missing';
        else if (then === undefined || !Number.isFinite(then))
            entry.direction = 'new';
        else {
            const [a, b] = [Math.fround(now), Math.fround(then)];
            entry.direction = a > b ? 'up' : a < b ? 'down' : 'same';
            // Equal as SageMaker stores them: no difference worth printing.
            entry.difference = entry.direction === 'same' ? 0 : now - then;
            if (then !== 0)
                entry.relative = entry.difference / Math.abs(then);
        }
        out.push(entry);
    }
    for (const metric of baseline) {
        if (seen.has(metric.name))
            continue;
        seen.add(metric.name);
        out.push({ name: metric.name, baseline: metric.value, direction: 'missing' });
    }
    return out;
}
/** The baseline's metrics as the `baseline-metrics` output: a JSON object of name to value (NaN as null). */
function metricsJson(metrics) {
    return JSON.stringify(Object.fromEntries(metrics.map((m) => [m.name, Number.isFinite(m.value) ? m.value : null])));
}


/***/ })

};
