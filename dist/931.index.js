export const id = 931;
export const ids = [931];
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

/***/ 9916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ decodeAuthorizationToken),
/* harmony export */   Gg: () => (/* binding */ buildPlan),
/* harmony export */   Ou: () => (/* binding */ parseBuildxVersion),
/* harmony export */   PE: () => (/* binding */ isImmutableTagRefusal),
/* harmony export */   TT: () => (/* binding */ ociLabels),
/* harmony export */   U$: () => (/* binding */ registryHost),
/* harmony export */   Uu: () => (/* binding */ pinnedUriFor),
/* harmony export */   Z7: () => (/* binding */ chooseBuilder),
/* harmony export */   Zo: () => (/* binding */ buildArgList),
/* harmony export */   Zz: () => (/* binding */ imageUriFor),
/* harmony export */   _K: () => (/* binding */ hostOfRepositoryUri),
/* harmony export */   aG: () => (/* binding */ validateBuildArgs),
/* harmony export */   co: () => (/* binding */ parseBuildxDriver),
/* harmony export */   dq: () => (/* binding */ parseMetadataDigest),
/* harmony export */   dt: () => (/* binding */ platformNotes),
/* harmony export */   kX: () => (/* binding */ parsePushDigest),
/* harmony export */   rK: () => (/* binding */ imageTags),
/* harmony export */   yJ: () => (/* binding */ CACHE_TAG)
/* harmony export */ });
/* unused harmony exports SAGEMAKER_PLATFORM, versionAtLeast, platformOsArch, normalizeArch */
/** What SageMaker training instances run; any other platform will not start there. */
const SAGEMAKER_PLATFORM = 'linux/amd64';
/** Tag that holds the registry build cache (buildx with a container driver only). */
const CACHE_TAG = 'buildcache';
/** The registry host (`host[:port]`) from GetAuthorizationToken's `proxyEndpoint`. */
function registryHost(proxyEndpoint) {
    const host = proxyEndpoint
        .trim()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .replace(/\/+$/, '');
    if (!host || /[\s/]/.test(host))
        throw new Error(`ECR returned an unusable proxyEndpoint '${proxyEndpoint}'`);
    return host;
}
/** The registry host part of a repository URI such as `1234.dkr.ecr.eu-west-1.amazonaws.com/team/model`. */
function hostOfRepositoryUri(uri) {
    return uri.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0];
}
/** `<registry>/<repository>:<tag>` */
function imageUriFor(registry, repository, tag) {
    return `${registry}/${repository}:${tag}`;
}
/** `<registry>/<repository>@sha256:...`: what the training job runs, immune to tags moving. */
function pinnedUriFor(registry, repository, digest) {
    return `${registry}/${repository}@${digest}`;
}
/** Decoded `authorizationToken`: base64 of `user:password` (the user is `AWS`). */
function decodeAuthorizationToken(token) {
    const text = Buffer.from(token, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon <= 0 || colon === text.length - 1) {
        throw new Error('ECR returned an authorization token that is not base64 of user:password');
    }
    return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
/** Tags to push: the short hash, and `latest` when asked. */
function imageTags(shortSha, pushLatest) {
    return pushLatest && shortSha !== 'latest' ? [shortSha, 'latest'] : [shortSha];
}
/** OCI annotation labels that tie the image to its commit. */
function ociLabels(input) {
    const server = (input.serverUrl || 'https://github.com').replace(/\/+$/, '');
    const labels = {
        'org.opencontainers.image.revision': input.sha,
        'org.opencontainers.image.created': input.created.toISOString(),
        'org.opencontainers.image.version': input.shortSha
    };
    if (input.repository)
        labels['org.opencontainers.image.source'] = `${server}/${input.repository}`;
    return labels;
}
const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Checks `build-args` lines (`K=V`); blank lines and `#` comments are allowed. */
function validateBuildArgs(lines, where = 'build-args') {
    const problems = [];
    for (const raw of lines) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const eq = line.indexOf('=');
        const name = eq < 0 ? line : line.slice(0, eq);
        if (eq < 0) {
            problems.push({
                where,
                message: `'${line}' is not KEY=VALUE (write ${name}=<value>, or ${name}= for empty)`
            });
        }
        else if (!BUILD_ARG_NAME.test(name)) {
            problems.push({
                where,
                message: `'${name}' is not a valid build argument name (letters, digits and _; not starting with a digit)`
            });
        }
    }
    return problems;
}
/** `build-args` lines without blanks and comments. Values keep inner spaces. */
function buildArgList(lines) {
    return lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}
/** Turns the build request into the exact docker argv for the builder at hand. */
function buildPlan(p) {
    const args = [];
    const env = {};
    let cacheNote;
    const containerDriver = p.builder.kind === 'buildx' && p.builder.driver !== undefined && p.builder.driver !== 'docker';
    if (p.builder.kind === 'buildx')
        args.push('buildx', 'build');
    else {
        args.push('build');
        env.DOCKER_BUILDKIT = p.builder.kind === 'buildkit' ? '1' : '0';
    }
    args.push('--file', p.dockerfile);
    for (const ref of p.refs)
        args.push('--tag', ref);
    args.push('--platform', p.platform);
    for (const [k, v] of Object.entries(p.labels))
        args.push('--label', `${k}=${v}`);
    for (const a of p.buildArgs)
        args.push('--build-arg', a);
    const latestRef = `${p.repositoryRef}:latest`;
    const cacheRef = `${p.repositoryRef}:${CACHE_TAG}`;
    let cache = p.cache;
    if (cache !== 'none' && p.builder.kind === 'legacy') {
        cacheNote = `cache '${cache}' needs BuildKit, which this Docker CLI only offers through the buildx plugin; building without a cache`;
        cache = 'none';
    }
    if (cache === 'registry' && !containerDriver) {
        cacheNote = `cache 'registry' needs a buildx container builder (docker/setup-buildx-action); using an inline cache instead`;
        cache = 'inline';
    }
    else if (cache === 'registry' && p.immutable) {
        cacheNote = `cache 'registry' would rewrite the '${CACHE_TAG}' tag, which an IMMUTABLE repository refuses; using an inline cache instead`;
        cache = 'inline';
    }
    if (cache === 'registry') {
        // ECR rejects buildx's default cache manifest list; it accepts the cache as an OCI image manifest.
        args.push('--cache-from', `type=registry,ref=${cacheRef}`);
        args.push('--cache-to', `type=registry,ref=${cacheRef},mode=max,image-manifest=true,oci-mediatypes=true`);
    }
    else if (cache === 'inline') {
        if (p.builder.kind === 'buildx') {
            args.push('--cache-from', `type=registry,ref=${latestRef}`, '--cache-to', 'type=inline');
        }
        else {
            // The classic builder has no --cache-to; this build arg embeds the cache metadata instead.
            args.push('--cache-from', latestRef, '--build-arg', 'BUILDKIT_INLINE_CACHE=1');
        }
    }
    let pushesItself = false;
    if (p.builder.kind === 'buildx') {
        // SageMaker wants a plain image manifest; buildx >= 0.10 wraps images in an index with
        // provenance attestations unless told not to.
        if (versionAtLeast(p.builder.version, 0, 10))
            args.push('--provenance=false', '--sbom=false');
        if (containerDriver) {
            // A container builder cannot hand images to the engine cheaply; it pushes directly.
            args.push('--push');
            pushesItself = true;
        }
        else {
            args.push('--load');
        }
        if (p.metadataFile)
            args.push('--metadata-file', p.metadataFile);
        args.push('--progress', 'plain');
    }
    else if (p.builder.kind === 'buildkit') {
        args.push('--progress', 'plain');
    }
    args.push(p.context);
    return { args, env, pushesItself, cacheNote, cache };
}
/** True when `version` (`0.12.1`, `v0.12.1-desktop.4`) is at least major.minor; unknown counts as recent. */
function versionAtLeast(version, major, minor) {
    const m = /(\d+)\.(\d+)/.exec(version ?? '');
    if (!m)
        return version === undefined;
    const [maj, min] = [Number(m[1]), Number(m[2])];
    return maj > major || (maj === major && min >= minor);
}
/** The buildx version from `docker buildx version` (`github.com/docker/buildx v0.12.1 542e5d8`). */
function parseBuildxVersion(output) {
    return /\bv?(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1];
}
/** The selected builder's driver from `docker buildx inspect`. */
function parseBuildxDriver(output) {
    return /^Driver:\s*(\S+)/m.exec(output)?.[1];
}
/** Picks the builder from what the CLI offers. */
function chooseBuilder(clientVersion, buildx) {
    if (buildx)
        return { kind: 'buildx', version: buildx.version, driver: buildx.driver };
    // From Docker CLI 23 on, `docker build` with BuildKit is a shim over the buildx plugin.
    const major = Number(/^(\d+)/.exec(clientVersion)?.[1] ?? '0');
    return { kind: major >= 23 ? 'legacy' : 'buildkit' };
}
/** The manifest digest `docker push` reports (`<tag>: digest: sha256:… size: N`). */
function parsePushDigest(output, tag) {
    const escaped = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const exact = new RegExp(`^${escaped}: digest: (sha256:[0-9a-f]{64})`, 'm').exec(output);
    return exact?.[1] ?? /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1];
}
/** The manifest digest buildx writes to `--metadata-file`. */
function parseMetadataDigest(json) {
    try {
        const meta = JSON.parse(json);
        const d = meta['containerimage.digest'];
        return typeof d === 'string' && /^sha256:[0-9a-f]{64}$/.test(d) ? d : undefined;
    }
    catch {
        return undefined;
    }
}
/** `os/arch` of a platform string (`linux/amd64/v2` → `linux/amd64`). */
function platformOsArch(platform) {
    return platform.split('/').slice(0, 2).join('/');
}
/** Docker's GOARCH names for the Node.js `process.arch` / engine arch values. */
function normalizeArch(arch) {
    const map = {
        x64: 'amd64',
        x86_64: 'amd64',
        aarch64: 'arm64',
        arm64: 'arm64',
        amd64: 'amd64'
    };
    return map[arch] ?? arch;
}
/**
 * Notes on platform choices that will hurt: an image SageMaker cannot run, or a build that
 * needs emulation because the runner is another architecture.
 */
function platformNotes(platform, engineArch) {
    const notes = [];
    const wanted = platformOsArch(platform);
    if (wanted !== SAGEMAKER_PLATFORM) {
        notes.push(`platform is ${platform}, but SageMaker training instances run ${SAGEMAKER_PLATFORM}; the job will fail to start unless the image is built for ${SAGEMAKER_PLATFORM}`);
    }
    const arch = engineArch ? normalizeArch(engineArch) : undefined;
    if (arch && wanted.split('/')[1] && wanted.split('/')[1] !== arch) {
        notes.push(`this runner's Docker engine is linux/${arch} and builds ${wanted} through emulation: add docker/setup-qemu-action before this step, and expect a slower build (or use an ${wanted.split('/')[1]} runner)`);
    }
    return notes;
}
/**
 * A push refused because the tag exists and may not move: ECR answers TAG_INVALID through
 * the registry protocol (`ImageTagAlreadyExistsException` through its API).
 */
function isImmutableTagRefusal(output) {
    return /tag invalid|ImageTagAlreadyExists|cannot be overwritten because the (repository|tag) is immutable/i.test(output);
}


/***/ }),

/***/ 2983:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AW: () => (/* binding */ trainingJobLogsUrl),
/* harmony export */   Yf: () => (/* binding */ trainingJobConsoleUrl)
/* harmony export */ });
/* unused harmony exports consoleOrigin, cloudWatchFragmentEncode, logStreamUrl */
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7242);
/**
 * Links to a training job in the AWS console. Pure, so the outputs can be set
 * before any call returns and a dry run can show them too.
 *
 * The console lives on a different host per partition: China and GovCloud have
 * their own, and the commercial one is prefixed by the Region.
 */

/** The console origin for a Region, e.g. `https://eu-west-1.console.aws.amazon.com`. */
function consoleOrigin(region) {
    if (region.startsWith('cn-'))
        return 'https://console.amazonaws.cn';
    if (region.startsWith('us-gov-'))
        return 'https://console.amazonaws-us-gov.com';
    return `https://${region}.console.aws.amazon.com`;
}
/**
 * The CloudWatch console keeps its route in the fragment and escapes it twice:
 * a percent-encoded character's `%` becomes `$25` (so `/` is `$252F`).
 */
function cloudWatchFragmentEncode(text) {
    return encodeURIComponent(text).replace(/%/g, '$25');
}
/** The job's page in the SageMaker console. */
function trainingJobConsoleUrl(region, jobName) {
    return `${consoleOrigin(region)}/sagemaker/home?region=${region}#/jobs/${encodeURIComponent(jobName)}`;
}
/**
 * The training log group filtered to this job's streams. The filter is
 * `<job>/` rather than `<job>` so that a rerun's `<job>-2` streams are not mixed in.
 */
function trainingJobLogsUrl(region, jobName) {
    const group = cloudWatchFragmentEncode(_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .LOG_GROUP */ .Rs);
    // The route's own `?` and `=` are escaped once (`$3F`, `$3D`), values twice, as the console does.
    const query = `$3FlogStreamNameFilter$3D${cloudWatchFragmentEncode(`${jobName}/`)}`;
    return `${consoleOrigin(region)}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${group}${query}`;
}
/** One instance's log stream (`<job>/algo-1-1700000000`). */
function logStreamUrl(region, streamName) {
    const group = cloudWatchFragmentEncode(LOG_GROUP);
    return `${consoleOrigin(region)}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${group}/log-events/${cloudWatchFragmentEncode(streamName)}`;
}


/***/ }),

/***/ 9931:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/process.ts
var src_process = __webpack_require__(4006);
;// CONCATENATED MODULE: ./src/commit.ts
/**
 * Which commit this run trains. For a push it is the pushed commit; for a pull
 * request the head commit (the merge commit GitHub makes is not in anyone's
 * history); for a manual rerun the `sha` input when given. The result is checked
 * against the checkout so a typo or a shallow clone fails early and clearly.
 */


/** Reads the runner's environment, as @actions/github does, without loading Octokit. */
function runnerContext(env = process.env) {
    let payload = {};
    const path = env.GITHUB_EVENT_PATH;
    if (path) {
        try {
            payload = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        }
        catch {
            payload = {};
        }
    }
    return {
        eventName: env.GITHUB_EVENT_NAME ?? '',
        sha: env.GITHUB_SHA ?? '',
        ref: env.GITHUB_REF ?? '',
        repository: env.GITHUB_REPOSITORY ?? '',
        payload
    };
}
/** The commit the event points at before any `sha` input, and its branch. */
function eventCommit(ctx) {
    const pr = ctx.payload.pull_request;
    if (ctx.eventName.startsWith('pull_request') && pr?.head?.sha) {
        return { sha: pr.head.sha, branch: pr.head.ref ?? '' };
    }
    const branch = ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : '';
    const after = ctx.payload.after;
    const sha = ctx.eventName === 'push' && typeof after === 'string' && /^[0-9a-f]{40}$/.test(after) ? after : ctx.sha;
    return { sha, branch };
}
const HEX = /^[0-9a-fA-F]{4,40}$/;
/**
 * Resolves the commit in the checkout. Throws a message that names the `sha`
 * input (or the event) and how to fix it.
 */
async function resolveCommit(ctx, shaInput, shortLength, workspace) {
    const fromEvent = eventCommit(ctx);
    const wanted = shaInput || fromEvent.sha;
    const source = shaInput ? `input sha '${shaInput}'` : `the ${ctx.eventName || 'current'} event's commit '${wanted}'`;
    if (!wanted)
        throw new Error('input sha: no commit to train: the event has none (GITHUB_SHA is empty); set the sha input');
    if (!HEX.test(wanted))
        throw new Error(`input sha: '${wanted}' is not a commit hash (4 to 40 hexadecimal characters)`);
    const out = await (0,src_process/* run */.eF)('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${wanted}^{commit}`], {
        cwd: workspace
    });
    if (out.exitCode !== 0) {
        const notRepo = await (0,src_process/* run */.eF)('git', ['rev-parse', '--is-inside-work-tree'], { cwd: workspace });
        if (notRepo.exitCode !== 0) {
            throw new Error(`${source}: ${workspace} is not a git checkout; add actions/checkout before this action`);
        }
        const ambiguous = /ambiguous/i.test(out.stderr);
        throw new Error(ambiguous
            ? `${source}: the abbreviation matches more than one commit; give more characters`
            : `${source} is not in the checkout. A shallow clone only has the newest commit: use actions/checkout with fetch-depth: 0 to train an older one`);
    }
    const sha = out.stdout.trim().toLowerCase();
    return {
        sha,
        // A fixed-length prefix, not git's --short: git lengthens it as the repository grows,
        // which would rename the image tag and job of a commit trained again later.
        shortSha: sha.slice(0, shortLength),
        branch: fromEvent.branch,
        ref: ctx.ref,
        repository: ctx.repository,
        eventName: ctx.eventName
    };
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/aws-shapes.ts
/**
 * A validator for AWS service-model shapes (botocore's JSON form).
 *
 * The JS SDK does not check lengths, patterns or enums on the client, so a
 * bad request only fails once it reaches AWS. We check the same constraints
 * before the first side effect; the test server checks them with the very
 * same code against the full service models.
 */
const compiled = new Map();
// botocore patterns are Java regexes without anchors. Java's POSIX classes have no JS spelling.
const POSIX_CLASSES = {
    Alnum: 'a-zA-Z0-9',
    Alpha: 'a-zA-Z',
    Digit: '0-9',
    Upper: 'A-Z',
    Lower: 'a-z'
};
/** Compiles a model pattern as an anchored JS regex; null when JS cannot express it (then it is not checked). */
function modelPattern(pattern) {
    if (compiled.has(pattern))
        return compiled.get(pattern) ?? null;
    const source = translatePosixClasses(pattern);
    let re = null;
    for (const flags of ['u', '']) {
        try {
            re = new RegExp(`^(?:${source})$`, flags);
            break;
        }
        catch {
            re = null;
        }
    }
    compiled.set(pattern, re);
    return re;
}
// Inside [...] a POSIX class becomes a bare range; outside it becomes a class of its own.
function translatePosixClasses(original) {
    let out = '';
    let inClass = false;
    for (let i = 0; i < original.length; i++) {
        const ch = original[i];
        if (ch === '\\') {
            const m = /^\\p\{(Alnum|Alpha|Digit|Upper|Lower)\}/.exec(original.slice(i));
            if (m) {
                const range = POSIX_CLASSES[m[1]];
                out += inClass ? range : `[${range}]`;
                i += m[0].length - 1;
                continue;
            }
            out += original.slice(i, i + 2);
            i++;
            continue;
        }
        if (ch === '[')
            inClass = true;
        else if (ch === ']')
            inClass = false;
        out += ch;
    }
    return out;
}
function describe(value) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
/**
 * Checks `value` against `shapeName` and everything below it.
 * Unknown members are reported too: AWS rejects them as SerializationException.
 */
function validateShape(shapes, shapeName, value, path = '') {
    const out = [];
    visit(shapes, shapeName, value, path, out);
    return out;
}
function visit(shapes, name, value, path, out) {
    const shape = shapes[name];
    if (!shape)
        throw new Error(`shape ${name} is not in the model`);
    const at = path || name;
    const push = (message, kind = 'other') => {
        out.push({ path: at, message, kind });
    };
    switch (shape.type) {
        case 'structure': {
            if (typeof value !== 'object' || value === null || Array.isArray(value)) {
                push('must be an object');
                return;
            }
            const record = value;
            for (const req of shape.required ?? []) {
                if (record[req] === undefined)
                    push(`is missing required member ${req}`);
            }
            for (const [key, member] of Object.entries(record)) {
                if (member === undefined)
                    continue;
                const ref = shape.members?.[key];
                if (!ref) {
                    push(`has unknown member ${key}`);
                    continue;
                }
                visit(shapes, ref.shape, member, path ? `${path}.${key}` : key, out);
            }
            return;
        }
        case 'list': {
            if (!Array.isArray(value)) {
                push('must be a list');
                return;
            }
            checkCount(shape, value.length, push);
            value.forEach((item, i) => visit(shapes, shape.member.shape, item, `${at}[${i}]`, out));
            return;
        }
        case 'map': {
            if (typeof value !== 'object' || value === null || Array.isArray(value)) {
                push('must be a map');
                return;
            }
            const entries = Object.entries(value);
            checkCount(shape, entries.length, push);
            for (const [k, v] of entries) {
                visit(shapes, shape.key.shape, k, `${at} key '${describe(k)}'`, out);
                visit(shapes, shape.value.shape, v, `${at}.${k}`, out);
            }
            return;
        }
        case 'string': {
            if (typeof value !== 'string') {
                push('must be a string');
                return;
            }
            const length = [...value].length;
            if (shape.min !== undefined && length < shape.min)
                push(`'${describe(value)}' must be at least ${shape.min} characters`);
            if (shape.max !== undefined && length > shape.max)
                push(`must be at most ${shape.max} characters (it has ${length})`);
            if (shape.enum && !shape.enum.includes(value))
                push(`'${describe(value)}' is not one of the ${shape.enum.length} allowed values`, 'enum');
            if (shape.pattern) {
                const re = modelPattern(shape.pattern);
                if (re && !re.test(value))
                    push(`'${describe(value)}' must match ${shape.pattern}`);
            }
            return;
        }
        case 'integer':
        case 'long': {
            if (typeof value !== 'number' || !Number.isInteger(value)) {
                push('must be a whole number');
                return;
            }
            if (shape.min !== undefined && value < shape.min)
                push(`${value} must be at least ${shape.min}`);
            if (shape.max !== undefined && value > shape.max)
                push(`${value} must be at most ${shape.max}`);
            return;
        }
        case 'float':
        case 'double':
            if (typeof value !== 'number')
                push('must be a number');
            return;
        case 'boolean':
            if (typeof value !== 'boolean')
                push('must be true or false');
            return;
        case 'timestamp':
            if (typeof value !== 'number' && !(value instanceof Date))
                push('must be a timestamp');
            return;
        default:
            return;
    }
}
function checkCount(shape, count, push) {
    if (shape.min !== undefined && count < shape.min)
        push(`must have at least ${shape.min} item${shape.min === 1 ? '' : 's'} (it has ${count})`);
    if (shape.max !== undefined && count > shape.max)
        push(`must have at most ${shape.max} items (it has ${count})`);
}

;// CONCATENATED MODULE: ./src/generated/ecr-shapes.ts
const ECR_SHAPES = { "CreateRepositoryRequest": { "type": "structure", "required": ["repositoryName"], "members": { "registryId": { "shape": "RegistryId" }, "repositoryName": { "shape": "RepositoryName" }, "tags": { "shape": "TagList" }, "imageTagMutability": { "shape": "ImageTagMutability" }, "imageTagMutabilityExclusionFilters": { "shape": "ImageTagMutabilityExclusionFilters" }, "imageScanningConfiguration": { "shape": "ImageScanningConfiguration" }, "encryptionConfiguration": { "shape": "EncryptionConfiguration" } } }, "EncryptionConfiguration": { "type": "structure", "required": ["encryptionType"], "members": { "encryptionType": { "shape": "EncryptionType" }, "kmsKey": { "shape": "KmsKey" } } }, "EncryptionType": { "type": "string", "enum": ["AES256", "KMS", "KMS_DSSE"] }, "ImageDigest": { "type": "string" }, "ImageIdentifier": { "type": "structure", "members": { "imageDigest": { "shape": "ImageDigest" }, "imageTag": { "shape": "ImageTag" } } }, "ImageScanningConfiguration": { "type": "structure", "members": { "scanOnPush": { "shape": "ScanOnPushFlag" } } }, "ImageTag": { "type": "string", "min": 1, "max": 300 }, "ImageTagMutability": { "type": "string", "enum": ["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"] }, "ImageTagMutabilityExclusionFilter": { "type": "structure", "required": ["filterType", "filter"], "members": { "filterType": { "shape": "ImageTagMutabilityExclusionFilterType" }, "filter": { "shape": "ImageTagMutabilityExclusionFilterValue" } } }, "ImageTagMutabilityExclusionFilterType": { "type": "string", "enum": ["WILDCARD"] }, "ImageTagMutabilityExclusionFilterValue": { "type": "string", "min": 1, "max": 128, "pattern": "^[0-9a-zA-Z._*-]{1,128}$" }, "ImageTagMutabilityExclusionFilters": { "type": "list", "min": 1, "max": 5, "member": { "shape": "ImageTagMutabilityExclusionFilter" } }, "KmsKey": { "type": "string", "min": 1, "max": 2048 }, "RegistryId": { "type": "string", "pattern": "[0-9]{12}" }, "RepositoryName": { "type": "string", "min": 2, "max": 256, "pattern": "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*" }, "ScanOnPushFlag": { "type": "boolean" }, "Tag": { "type": "structure", "required": ["Key", "Value"], "members": { "Key": { "shape": "TagKey" }, "Value": { "shape": "TagValue" } } }, "TagKey": { "type": "string" }, "TagList": { "type": "list", "member": { "shape": "Tag" } }, "TagValue": { "type": "string" } };

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/hydra/value.ts
/**
 * The typed value model shared by the YAML loader, the emitter and the override parser.
 *
 * JavaScript numbers cannot tell `1` from `1.0` and lose digits past 2^53, while Hydra
 * (Python) keeps int and float apart and keeps every digit. So every scalar carries its kind,
 * ints are bigints, and dicts are ordered entry lists whose keys may be non-strings.
 */
const NULL = Object.freeze({ kind: 'null' });
/** Builds a bool value. */
const bool = (value) => ({ kind: 'bool', value });
/** Builds an int value (numbers must be safe integers; pass a bigint otherwise). */
const value_int = (value) => ({ kind: 'int', value: BigInt(value) });
/** Builds a float value. */
const value_float = (value) => ({ kind: 'float', value });
/** Builds a string value. */
const value_str = (value) => ({ kind: 'str', value });
/** Builds a list value. */
const list = (items) => ({ kind: 'list', items });
/**
 * Builds a dict from entries the way a Python dict literal would: a key equal to an
 * earlier one (under Python equality, where `1 == 1.0 == True`) keeps the earlier key
 * and position but takes the later value.
 */
function value_dict(entries) {
    const out = [];
    const index = new Map();
    for (const [key, value] of entries) {
        const id = value_keyIdentity(key);
        const at = id === undefined ? undefined : index.get(id);
        if (at === undefined) {
            if (id !== undefined)
                index.set(id, out.length);
            out.push({ key, value });
        }
        else {
            out[at] = { key: out[at].key, value };
        }
    }
    return { kind: 'dict', entries: out };
}
/**
 * A string that is equal for keys Python considers equal (`1`, `1.0`, `True`), or
 * undefined for NaN, which never equals anything (each NaN key is its own entry).
 */
function value_keyIdentity(key) {
    switch (key.kind) {
        case 'null':
            return 'n';
        case 'bool':
            return key.value ? 'i1' : 'i0';
        case 'int':
            return `i${key.value}`;
        case 'float':
            if (Number.isNaN(key.value))
                return undefined;
            if (Number.isInteger(key.value))
                return `i${BigInt(key.value)}`;
            return `f${key.value}`;
        case 'str':
            return `s${key.value}`;
    }
}
/** True for scalar kinds. */
function isScalar(v) {
    const k = v.kind;
    return k === 'null' || k === 'bool' || k === 'int' || k === 'float' || k === 'str';
}
/**
 * Strict structural equality: kinds must match (int 1 is not float 1.0 nor True),
 * floats compare by bit pattern (so -0.0 differs from 0.0 and NaN equals NaN), and dict
 * entries must match in order.
 */
function valuesEqual(a, b) {
    if (a.kind !== b.kind)
        return false;
    switch (a.kind) {
        case 'null':
            return true;
        case 'bool':
        case 'int':
        case 'str':
            return a.value === b.value;
        case 'float':
            return Object.is(a.value, b.value);
        case 'list': {
            const bi = b.items;
            return a.items.length === bi.length && a.items.every((x, i) => valuesEqual(x, bi[i]));
        }
        case 'dict': {
            const be = b.entries;
            return (a.entries.length === be.length &&
                a.entries.every((e, i) => valuesEqual(e.key, be[i].key) && valuesEqual(e.value, be[i].value)));
        }
    }
}
/** Python's `repr` of a float: shortest round-trip digits, `.0` kept, `inf`/`nan` spelled out. */
function pythonFloatRepr(x) {
    if (Number.isNaN(x))
        return 'nan';
    if (x === Infinity)
        return 'inf';
    if (x === -Infinity)
        return '-inf';
    if (Object.is(x, -0))
        return '-0.0';
    // toExponential() without an argument gives the shortest digits that round-trip, like
    // Python's repr; Python then writes fixed notation for exponents in [-4, 16).
    const [mantissa, expText] = Math.abs(x).toExponential().split('e');
    const exp = Number(expText);
    const digits = mantissa.replace('.', '');
    const sign = x < 0 ? '-' : '';
    if (exp < -4 || exp >= 16) {
        const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
        const e = Math.abs(exp).toString().padStart(2, '0');
        return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
    }
    if (exp < 0)
        return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
}
/** A short Python-like rendering for error messages and summaries. */
function describeValue(v) {
    switch (v.kind) {
        case 'null':
            return 'null';
        case 'bool':
            return v.value ? 'true' : 'false';
        case 'int':
            return v.value.toString();
        case 'float':
            return pythonFloatRepr(v.value);
        case 'str':
            return JSON.stringify(v.value);
        case 'list':
            return `[${v.items.map(describeValue).join(', ')}]`;
        case 'dict':
            return `{${v.entries.map((e) => `${describeValue(e.key)}: ${describeValue(e.value)}`).join(', ')}}`;
    }
}

;// CONCATENATED MODULE: ./src/hydra/yaml-resolve.ts
/**
 * How Hydra's YAML loader (OmegaConf's PyYAML SafeLoader subclass, YAML 1.1) types scalars.
 *
 * The `yaml` package's own 1.1 schema is close but not identical (it reads `y`/`n` as
 * bools, for one), so plain scalars are resolved here with PyYAML's regular expressions,
 * in PyYAML's order, and constructed with PyYAML's constructor rules.
 */

// PyYAML's implicit resolvers, in the order they are consulted for a scalar's first
// character: bool, float, int, (merge), null, (timestamp: removed by OmegaConf), (value),
// and finally the extra float resolver OmegaConf appends so that `1e5` is a float.
const BOOL_RE = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT_RE = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT_RE = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL_RE = /^(?:~|null|Null|NULL|)$/;
const OMEGACONF_FLOAT_RE = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** Resolves a plain scalar's tag exactly as PyYAML + OmegaConf do. */
function resolvePlainTag(text) {
    // PyYAML only consults resolvers registered for the first character.
    const first = text.length === 0 ? '' : text[0];
    if ('yYnNtTfFoO'.includes(first) && first !== '' && BOOL_RE.test(text))
        return 'bool';
    const numeric = first !== '' && '-+0123456789.'.includes(first);
    if (numeric && FLOAT_RE.test(text))
        return 'float';
    if (numeric && first !== '.' && INT_RE.test(text))
        return 'int';
    if (text === '<<')
        return 'merge';
    if ((first === '' || '~nN'.includes(first)) && NULL_RE.test(text))
        return 'null';
    if (text === '=')
        return 'value';
    if (numeric && OMEGACONF_FLOAT_RE.test(text))
        return 'float';
    return 'str';
}
/** Thrown when PyYAML's constructor would raise on a scalar. */
class ScalarConstructError extends Error {
}
/** PyYAML's `construct_yaml_bool`: any case of yes/no/true/false/on/off. */
function constructBool(text) {
    const v = text.toLowerCase();
    if (v === 'yes' || v === 'true' || v === 'on')
        return bool(true);
    if (v === 'no' || v === 'false' || v === 'off')
        return bool(false);
    throw new ScalarConstructError(`cannot read ${JSON.stringify(text)} as a bool`);
}
function digitsToBigInt(digits, radix) {
    const re = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[radix];
    if (!re.test(digits))
        throw new ScalarConstructError(`invalid base-${radix} digits`);
    const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[radix];
    return BigInt(prefix + digits);
}
/**
 * PyYAML's `construct_yaml_int`: underscores dropped, then binary, hex, octal (leading 0),
 * sexagesimal (`1:30` is 90) or decimal, all exact.
 */
function constructInt(text) {
    let v = text.replace(/_/g, '');
    let negative = false;
    if (v.startsWith('-'))
        negative = true;
    if (v.startsWith('-') || v.startsWith('+'))
        v = v.slice(1);
    let n;
    try {
        if (v === '0')
            n = 0n;
        else if (v.startsWith('0b'))
            n = digitsToBigInt(v.slice(2), 2);
        else if (v.startsWith('0x'))
            n = digitsToBigInt(v.slice(2), 16);
        else if (v.startsWith('0'))
            n = digitsToBigInt(v, 8);
        else if (v.includes(':')) {
            n = 0n;
            for (const part of v.split(':'))
                n = n * 60n + digitsToBigInt(part, 10);
        }
        else
            n = digitsToBigInt(v, 10);
    }
    catch {
        throw new ScalarConstructError(`cannot read ${JSON.stringify(text)} as an int`);
    }
    return value_int(negative ? -n : n);
}
const PY_FLOAT_RE = /^[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?|inf|infinity|nan)$/;
/** Python's `float(str)` for the strings PyYAML hands it (already lowercase, no `_`). */
function pythonFloat(text) {
    const t = text.trim();
    if (!PY_FLOAT_RE.test(t))
        throw new ScalarConstructError(`cannot read ${JSON.stringify(text)} as a float`);
    const negative = t.startsWith('-');
    const body = t.replace(/^[-+]/, '');
    if (body === 'nan')
        return NaN;
    if (body === 'inf' || body === 'infinity')
        return negative ? -Infinity : Infinity;
    // Both Python and JS round decimal strings correctly, so this is the same double.
    const x = Number(body);
    return negative ? -x : x;
}
/**
 * PyYAML's `construct_yaml_float`, step for step (including its sexagesimal sum, done in
 * the same floating-point order so the rounding matches).
 */
function constructFloat(text) {
    let v = text.replace(/_/g, '').toLowerCase();
    if (v.length === 0)
        throw new ScalarConstructError('cannot read an empty string as a float');
    let sign = 1;
    if (v[0] === '-')
        sign = -1;
    if (v[0] === '-' || v[0] === '+')
        v = v.slice(1);
    if (v === '.inf')
        return value_float(sign * Infinity);
    if (v === '.nan')
        return value_float(NaN);
    if (v.includes(':')) {
        const digits = v.split(':').map(pythonFloat).reverse();
        let base = 1;
        let total = 0.0;
        for (const d of digits) {
            total += d * base;
            base *= 60;
        }
        return value_float(sign * total);
    }
    return value_float(sign * pythonFloat(v));
}
/** Types a plain scalar the way Hydra's loader does. */
function constructPlain(text) {
    const tag = resolvePlainTag(text);
    switch (tag) {
        case 'bool':
            return constructBool(text);
        case 'float':
            return constructFloat(text);
        case 'int':
            return constructInt(text);
        case 'null':
            return NULL;
        case 'str':
            return value_str(text);
        default:
            return tag;
    }
}

;// CONCATENATED MODULE: ./src/hydra/yaml-load.ts
/**
 * Reads a Hydra YAML config the way Hydra does (OmegaConf's loader: PyYAML SafeLoader,
 * YAML 1.1, OmegaConf's extra float resolver, no timestamps, duplicate keys rejected).
 *
 * The `yaml` package does the parsing (with the failsafe schema, so every scalar arrives
 * as its raw text plus its style and explicit tag); typing, merge keys and key handling
 * follow PyYAML's constructor so that values keep the type Hydra would give them.
 */




/** Expanded size above which aliases are treated as an attack rather than a config. */
const MAX_EXPANDED_NODES = 1_000_000;
const CORE = 'tag:yaml.org,2002:';
class LoadError extends Error {
    offset;
    constructor(message, offset) {
        super(message);
        this.offset = offset;
    }
}
class Constructor {
    doc;
    memo = new Map();
    active = new Set();
    constructor(doc) {
        this.doc = doc;
    }
    deref(node, offset) {
        let n = node;
        for (let hops = 0; (0,dist/* isAlias */.Vj)(n); hops++) {
            const target = n.resolve(this.doc);
            if (!target || hops > 1000)
                throw new LoadError(`unknown alias *${n.source}`, offset);
            n = target;
        }
        return n;
    }
    offsetOf(node, fallback) {
        const r = node?.range;
        return r ? r[0] : fallback;
    }
    /** The tag PyYAML would give a scalar node, before construction. */
    scalarTag(node) {
        const explicit = node.tag;
        if (explicit && explicit !== '!')
            return explicit;
        if (explicit === '!' || node.type !== 'PLAIN')
            return `${CORE}str`;
        return `${CORE}${resolvePlainTag(String(node.value ?? ''))}`;
    }
    build(node, offset) {
        const n = this.deref(node, offset);
        const at = this.offsetOf(n, offset);
        const cached = this.memo.get(n);
        if (cached)
            return cached;
        if (this.active.has(n))
            throw new LoadError('recursive alias: a node contains itself', at);
        this.active.add(n);
        try {
            let v;
            if ((0,dist/* isScalar */.jn)(n))
                v = this.scalar(n, at);
            else if ((0,dist/* isMap */.jh)(n))
                v = this.mapping(n, at);
            else if ((0,dist/* isSeq */.oP)(n))
                v = this.sequence(n, at);
            else
                throw new LoadError('unsupported YAML node', at);
            this.memo.set(n, v);
            return v;
        }
        finally {
            this.active.delete(n);
        }
    }
    scalar(node, at) {
        const text = node.value === null || node.value === undefined ? '' : String(node.value);
        const tag = node.tag;
        try {
            if (!tag || tag === '!') {
                if (tag === '!' || node.type !== 'PLAIN')
                    return value_str(text);
                const v = constructPlain(text);
                if (v === 'merge')
                    throw new LoadError("'<<' (a merge key) used as a value", at);
                if (v === 'value')
                    throw new LoadError("'=' cannot be used as a value (PyYAML has no constructor for it)", at);
                return v;
            }
            switch (tag) {
                case `${CORE}str`:
                    return value_str(text);
                case `${CORE}int`:
                    return constructInt(text);
                case `${CORE}float`:
                    return constructFloat(text);
                case `${CORE}bool`:
                    return constructBool(text);
                case `${CORE}null`:
                    return NULL;
                default:
                    throw new LoadError(unsupportedTag(tag), at);
            }
        }
        catch (e) {
            if (e instanceof ScalarConstructError)
                throw new LoadError(e.message, at);
            throw e;
        }
    }
    sequence(node, at) {
        const tag = node.tag;
        if (tag && tag !== '!' && tag !== `${CORE}seq`)
            throw new LoadError(unsupportedTag(tag), at);
        const items = node.items.map((item) => (item === null ? NULL : this.build(item, this.offsetOf(item, at))));
        return list(items);
    }
    /** PyYAML's `flatten_mapping`: merge-key sources first (later sources lose), own pairs last. */
    flatPairs(node, at, seen = new Set()) {
        if (seen.has(node))
            throw new LoadError('recursive merge key', at);
        seen.add(node);
        const merged = [];
        const own = [];
        for (const pair of node.items) {
            const k = pair.key === null ? null : this.deref(pair.key, at);
            if (k && (0,dist/* isScalar */.jn)(k) && this.scalarTag(k) === `${CORE}merge`) {
                const src = pair.value === null ? null : this.deref(pair.value, at);
                const where = this.offsetOf(pair.value, at);
                if (src && (0,dist/* isMap */.jh)(src))
                    merged.push(...this.flatPairs(src, where, seen));
                else if (src && (0,dist/* isSeq */.oP)(src)) {
                    const groups = [];
                    for (const sub of src.items) {
                        const m = sub === null ? null : this.deref(sub, where);
                        if (!m || !(0,dist/* isMap */.jh)(m))
                            throw new LoadError('a merge key (<<) expects a mapping or a list of mappings', where);
                        groups.push(this.flatPairs(m, where, new Set(seen)));
                    }
                    for (const g of groups.reverse())
                        merged.push(...g);
                }
                else
                    throw new LoadError('a merge key (<<) expects a mapping or a list of mappings', where);
            }
            else
                own.push([pair.key, pair.value]);
        }
        return [...merged, ...own];
    }
    mapping(node, at) {
        const tag = node.tag;
        if (tag && tag !== '!' && tag !== `${CORE}map`)
            throw new LoadError(unsupportedTag(tag), at);
        // OmegaConf's loader rejects a string key written twice in the same mapping (merged
        // keys excepted), comparing the raw scalar text of keys that resolve to str.
        const seenKeys = new Set();
        for (const pair of node.items) {
            const k = pair.key === null ? null : this.deref(pair.key, at);
            if (k && (0,dist/* isScalar */.jn)(k) && this.scalarTag(k) === `${CORE}str`) {
                const text = k.value === null || k.value === undefined ? '' : String(k.value);
                if (seenKeys.has(text))
                    throw new LoadError(`found duplicate key ${JSON.stringify(text)}`, this.offsetOf(k, at));
                seenKeys.add(text);
            }
        }
        const entries = [];
        for (const [rawKey, rawValue] of this.flatPairs(node, at)) {
            const keyAt = this.offsetOf(rawKey, at);
            let key = NULL;
            if (rawKey !== null && rawKey !== undefined) {
                const k = this.deref(rawKey, keyAt);
                // '=' as a key is turned into a plain string by PyYAML's flatten_mapping.
                key = (0,dist/* isScalar */.jn)(k) && this.scalarTag(k) === `${CORE}value` ? value_str('=') : this.build(k, keyAt);
            }
            if (!isScalar(key))
                throw new LoadError('found unhashable key (a list or mapping used as a key)', keyAt);
            const value = rawValue === null || rawValue === undefined ? NULL : this.build(rawValue, this.offsetOf(rawValue, keyAt));
            entries.push([key, value]);
        }
        return value_dict(entries);
    }
    /** Expanded node count, so a handful of aliases cannot blow up the emitter. */
    expandedSize(v, budget) {
        budget.left -= 1;
        if (budget.left < 0)
            return;
        if (v.kind === 'list')
            for (const x of v.items)
                this.expandedSize(x, budget);
        else if (v.kind === 'dict')
            for (const e of v.entries)
                this.expandedSize(e.value, budget);
    }
}
function unsupportedTag(tag) {
    const short = tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag;
    return `the tag ${short} is not supported: Hydra's loader (PyYAML SafeLoader) only builds str, int, float, bool, null, lists and mappings that OmegaConf accepts`;
}
/**
 * Parse Hydra YAML text the way Hydra (PyYAML) does. Throws
 * `ConfigError([{where: `${file}:${line}:${col}`, message}])` on bad YAML; a root that is
 * not a mapping is an error too. An empty file (or a `null` document) is an empty config.
 */
function loadHydraConfig(text, file) {
    const lc = new dist/* LineCounter */.HN();
    const where = (offset) => {
        const { line, col } = lc.linePos(offset);
        return `${file}:${Math.max(line, 1)}:${Math.max(col, 1)}`;
    };
    const doc = (0,dist/* parseDocument */.Tp)(text, {
        version: '1.1',
        schema: 'failsafe',
        lineCounter: lc,
        uniqueKeys: false,
        prettyErrors: false,
        strict: true
    });
    if (doc.errors.length > 0) {
        const problems = doc.errors.map((e) => {
            const pos = e.linePos?.[0];
            const loc = pos ? `${file}:${pos.line}:${pos.col}` : where(e.pos[0]);
            const message = e.code === 'MULTIPLE_DOCS'
                ? 'a Hydra config file must hold a single YAML document (found a second one)'
                : `invalid YAML: ${e.message.split('\n')[0]}`;
            return { where: loc, message };
        });
        throw new errors/* ConfigError */.x(problems);
    }
    const c = new Constructor(doc);
    let root;
    try {
        root = doc.contents === null ? NULL : c.build(doc.contents, 0);
        const budget = { left: MAX_EXPANDED_NODES };
        c.expandedSize(root, budget);
        if (budget.left < 0)
            throw new LoadError(`the config expands to more than ${MAX_EXPANDED_NODES} values through aliases`, 0);
    }
    catch (e) {
        if (e instanceof LoadError)
            throw new errors/* ConfigError */.x([{ where: where(e.offset), message: e.message }]);
        throw e;
    }
    if (root.kind === 'null')
        return value_dict([]);
    if (root.kind !== 'dict')
        throw new errors/* ConfigError */.x([
            {
                where: where(c.offsetOf(doc.contents, 0)),
                message: `the root of a Hydra config must be a mapping, found a ${root.kind}`
            }
        ]);
    return root;
}

;// CONCATENATED MODULE: ./src/hydra/cast-functions.ts

/** Raised when a cast fails the way Python's would (e.g. `int('abc')`). */
class CastError extends Error {
}
const PY_INT_RE = /^[+-]?(?:0|[1-9](?:_?[0-9])*|0+(?:_?0)*)$/;
const cast_functions_PY_FLOAT_RE = /^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.?[0-9](?:_?[0-9])*(?:[eE][+-]?[0-9](?:_?[0-9])*)?|[0-9](?:_?[0-9])*\.(?:[eE][+-]?[0-9](?:_?[0-9])*)?|inf|infinity|nan)$/i;
function pyFloat(text) {
    const t = text.trim();
    if (!cast_functions_PY_FLOAT_RE.test(t))
        throw new CastError(`could not convert string to float: '${text}'`);
    const l = t.replace(/_/g, '').toLowerCase();
    const neg = l.startsWith('-');
    const body = l.replace(/^[+-]/, '');
    if (body === 'nan')
        return NaN;
    if (body === 'inf' || body === 'infinity')
        return neg ? -Infinity : Infinity;
    const x = Number(body);
    return neg ? -x : x;
}
function mapContainer(v, f) {
    if (v.kind === 'list')
        return list(v.items.map(f));
    if (v.kind === 'dict')
        return value_dict(v.entries.map((e) => [e.key, f(e.value)]));
    return undefined;
}
const castInt = (v) => {
    const c = mapContainer(v, castInt);
    if (c)
        return c;
    switch (v.kind) {
        case 'int':
            return v;
        case 'bool':
            return value_int(v.value ? 1 : 0);
        case 'float':
            if (!Number.isFinite(v.value))
                throw new CastError(`cannot convert float ${pythonFloatRepr(v.value)} to integer`);
            return value_int(BigInt(Math.trunc(v.value)));
        case 'str': {
            const t = v.value.trim();
            if (!PY_INT_RE.test(t))
                throw new CastError(`invalid literal for int() with base 10: '${v.value}'`);
            const d = t.replace(/_/g, '');
            const n = BigInt(d.replace(/^[+-]/, ''));
            return value_int(d.startsWith('-') ? -n : n);
        }
        default:
            throw new CastError(`int() argument must be a string or a number, not 'NoneType'`);
    }
};
const castFloat = (v) => {
    const c = mapContainer(v, castFloat);
    if (c)
        return c;
    switch (v.kind) {
        case 'float':
            return v;
        case 'int':
            return value_float(Number(v.value));
        case 'bool':
            return value_float(v.value ? 1 : 0);
        case 'str':
            return value_float(pyFloat(v.value));
        default:
            throw new CastError(`float() argument must be a string or a number, not 'NoneType'`);
    }
};
const castStr = (v) => {
    const c = mapContainer(v, castStr);
    if (c)
        return c;
    switch (v.kind) {
        case 'str':
            return v;
        case 'int':
            return value_str(v.value.toString());
        case 'float':
            return value_str(pythonFloatRepr(v.value));
        case 'bool':
            return value_str(v.value ? 'true' : 'false');
        default:
            return value_str('None');
    }
};
const castBool = (v) => {
    const c = mapContainer(v, castBool);
    if (c)
        return c;
    switch (v.kind) {
        case 'bool':
            return v;
        case 'int':
            return bool(v.value !== 0n);
        case 'float':
            return bool(v.value !== 0);
        case 'str': {
            const l = v.value.toLowerCase();
            if (l === 'true')
                return bool(true);
            if (l === 'false')
                return bool(false);
            throw new CastError(`Cannot cast '${v.value}' to bool`);
        }
        default:
            return bool(false);
    }
};
const CASTS = { int: castInt, float: castFloat, str: castStr, bool: castBool };
/** Evaluates cast calls inside an element; returns undefined if another function remains. */
function evaluateCasts(v) {
    if (v.kind === 'call')
        return evaluateCall(v);
    if (v.kind === 'list') {
        const items = v.items.map(evaluateCasts);
        return items.every((x) => x !== undefined) ? list(items) : undefined;
    }
    if (v.kind === 'dict') {
        const values = v.entries.map((e) => evaluateCasts(e.value));
        if (!values.every((x) => x !== undefined))
            return undefined;
        return value_dict(v.entries.map((e, i) => [e.key, values[i]]));
    }
    return v;
}
function evaluateCall(c) {
    const cast = CASTS[c.name];
    if (!cast)
        return undefined;
    const given = [...c.args, ...c.kwargs.filter(([k]) => k === 'value').map(([, v]) => v)];
    if (given.length !== 1 || c.kwargs.some(([k]) => k !== 'value'))
        throw new CastError(`${c.name}() takes exactly one value`);
    const arg = evaluateCasts(given[0]);
    return arg === undefined ? undefined : cast(arg);
}

;// CONCATENATED MODULE: ./src/hydra/override-lexer.ts
/**
 * A lexer equivalent to Hydra 1.3's `OverrideLexer.g4`.
 *
 * ANTLR lexers pick the longest match among all rules and break ties by rule order, and
 * they switch from key mode to value mode at the first `=`. Both behaviours matter for
 * exactness (`inf` is a float but `inf_x` an identifier; `1.2.3` is two floats, hence a
 * string), so every rule below is tried and the longest wins.
 */
/** Raised when no lexer rule matches at `offset`. */
class LexError extends Error {
    offset;
    constructor(offset) {
        super('no token can start here');
        this.offset = offset;
    }
}
function re(type, pattern) {
    const rx = new RegExp(pattern, 'y');
    return [
        type,
        (s, at) => {
            rx.lastIndex = at;
            const m = rx.exec(s);
            return m ? m[0].length : 0;
        }
    ];
}
function longest(type, patterns) {
    const rules = patterns.map((p) => re(type, p)[1]);
    return [type, (s, at) => Math.max(...rules.map((r) => r(s, at)))];
}
const WS = '[ \\t]';
const INTU = '(?:0|[1-9](?:_?[0-9])*)';
const DIGITS = '[0-9](?:_?[0-9])*';
const KEY_SPECIAL = '[a-zA-Z_$][a-zA-Z0-9_$-]*';
const ID = '[a-zA-Z_][a-zA-Z0-9_-]*';
/**
 * QUOTED_VALUE ends at the first matching quote preceded by an even run of backslashes
 * (ANTLR's non-greedy loop stops there, which is why `'it's'` is an error).
 */
function quoted(s, at) {
    const q = s[at];
    if (q !== "'" && q !== '"')
        return 0;
    let backslashes = 0;
    for (let i = at + 1; i < s.length; i++) {
        const c = s[i];
        if (c === q && backslashes % 2 === 0)
            return i - at + 1;
        backslashes = c === '\\' ? backslashes + 1 : 0;
    }
    return 0;
}
const KEY_RULES = [
    re('EQUAL', `=${WS}*`),
    re('TILDE', '~'),
    re('PLUS', '\\+'),
    re('AT', '@'),
    re('COLON', ':'),
    re('SLASH', '/'),
    re('ID', ID),
    re('KEY_SPECIAL', KEY_SPECIAL),
    re('DOT_PATH', `(?:${KEY_SPECIAL}|${INTU})(?:\\.(?:${KEY_SPECIAL}|${INTU}))+`)
];
const VALUE_RULES = [
    re('POPEN', `${WS}*\\(${WS}*`),
    re('COMMA', `${WS}*,${WS}*`),
    re('PCLOSE', `${WS}*\\)`),
    re('BRACKET_OPEN', `\\[${WS}*`),
    re('BRACKET_CLOSE', `${WS}*\\]`),
    re('BRACE_OPEN', `\\{${WS}*`),
    re('BRACE_CLOSE', `${WS}*\\}`),
    re('COLON', `${WS}*:${WS}*`),
    re('EQUAL', `${WS}*=${WS}*`),
    longest('FLOAT', [
        `[+-]?${INTU}?\\.${DIGITS}(?:[eE][+-]?${DIGITS})?`,
        `[+-]?${INTU}\\.(?:[eE][+-]?${DIGITS})?`,
        `[+-]?${INTU}[eE][+-]?${DIGITS}`,
        '[+-]?(?:[iI][nN][fF]|[nN][aA][nN])'
    ]),
    re('INT', `[+-]?${INTU}`),
    re('BOOL', '(?:[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])'),
    re('NULL', '[nN][uU][lL][lL]'),
    re('UNQUOTED_CHAR', '[/\\-\\\\+.$%*@?|]'),
    re('ID', ID),
    re('ESC', '(?:\\\\[\\\\()\\[\\]{}:=, \\t])+'),
    re('WS', `${WS}+`),
    ['QUOTED_VALUE', quoted],
    re('INTERPOLATION', '\\$\\{[^}]+\\}')
];
/** Splits an override into tokens, switching to value mode after the first `=`. */
function tokenize(text) {
    const tokens = [];
    let rules = KEY_RULES;
    let at = 0;
    while (at < text.length) {
        let best;
        let bestLen = 0;
        for (const [type, match] of rules) {
            const len = match(text, at);
            if (len > bestLen) {
                best = type;
                bestLen = len;
            }
        }
        if (best === undefined)
            throw new LexError(at);
        tokens.push({ type: best, text: text.slice(at, at + bestLen), start: at });
        if (best === 'EQUAL')
            rules = VALUE_RULES;
        at += bestLen;
    }
    tokens.push({ type: 'EOF', text: '', start: text.length });
    return tokens;
}

;// CONCATENATED MODULE: ./src/hydra/override-parser.ts
/**
 * A parser for Hydra 1.3's override grammar (`OverrideParser.g4` plus the value rules of
 * `overrides_visitor.py`), returning typed values so it can judge the emitter exactly.
 */



/** Function names Hydra 1.3 knows. */
const KNOWN_FUNCTIONS = new Set([
    'int',
    'float',
    'str',
    'bool',
    'choice',
    'range',
    'interval',
    'glob',
    'tag',
    'sort',
    'shuffle'
]);
/** A syntax error in one override, with a 1-based column and a caret line in the message. */
class OverrideSyntaxError extends Error {
    override;
    column;
    reason;
    constructor(override, 
    /** 1-based column of the offending character. */
    column, reason) {
        super(`${reason} at column ${column} of the override\n  ${visible(override)}\n  ${' '.repeat(Math.max(0, visible(override.slice(0, column - 1)).length))}^`);
        this.override = override;
        this.column = column;
        this.reason = reason;
        this.name = 'OverrideSyntaxError';
    }
}
// Control characters would break the caret line; show them escaped.
function visible(s) {
    return s.replace(/[\u0000-\u001f\u007f]/g, (c) => c === '\t' ? '\\t' : c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
const PRIMITIVE_TOKENS = new Set([
    'ID',
    'NULL',
    'INT',
    'FLOAT',
    'BOOL',
    'INTERPOLATION',
    'UNQUOTED_CHAR',
    'COLON',
    'ESC',
    'WS'
]);
const DICT_KEY_TOKENS = new Set([
    'ID',
    'NULL',
    'INT',
    'FLOAT',
    'BOOL',
    'UNQUOTED_CHAR',
    'ESC',
    'WS'
]);
const SWEEP_FUNCTIONS = {
    choice: 'choice_sweep',
    range: 'range_sweep',
    interval: 'interval_sweep',
    glob: 'glob_choice_sweep',
    tag: 'choice_sweep'
};
/** Python's `int(text)` for an INT token (sign, `_` separators). */
function intFromToken(text) {
    const t = text.replace(/_/g, '');
    const negative = t.startsWith('-');
    const n = BigInt(t.replace(/^[+-]/, ''));
    return value_int(negative ? -n : n);
}
/** Python's `float(text)` for a FLOAT token. */
function floatFromToken(text) {
    const t = text.replace(/_/g, '').toLowerCase();
    const negative = t.startsWith('-');
    const body = t.replace(/^[+-]/, '');
    if (body === 'nan')
        return value_float(NaN);
    if (body === 'inf')
        return value_float(negative ? -Infinity : Infinity);
    const x = Number(body);
    return value_float(negative ? -x : x);
}
/** Hydra's `_unescape_quoted_string`: only backslash runs right before a quote are escapes. */
function unquote(token) {
    const q = token[0];
    const body = token.slice(1, -1);
    let out = '';
    let i = 0;
    while (i < body.length) {
        const c = body[i];
        if (c !== '\\') {
            out += c;
            i++;
            continue;
        }
        let j = i;
        while (j < body.length && body[j] === '\\')
            j++;
        const run = j - i;
        if (j === body.length)
            out += '\\'.repeat(run / 2);
        else if (body[j] === q) {
            out += '\\'.repeat((run - 1) / 2) + q;
            j++;
        }
        else
            out += '\\'.repeat(run);
        i = j;
    }
    return out;
}
class Parser {
    input;
    tokens;
    pos = 0;
    constructor(input, tokens) {
        this.input = input;
        this.tokens = tokens;
    }
    get tok() {
        return this.tokens[this.pos];
    }
    peek(n = 1) {
        return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)];
    }
    fail(reason, token = this.tok) {
        throw new OverrideSyntaxError(this.input, token.start + 1, reason);
    }
    expect(type, what) {
        if (this.tok.type !== type)
            this.fail(`expected ${what}, found ${override_parser_describe(this.tok)}`);
        return this.tokens[this.pos++];
    }
    override() {
        let type = 'change';
        if (this.tok.type === 'TILDE') {
            this.pos++;
            type = 'delete';
        }
        else if (this.tok.type === 'PLUS') {
            this.pos++;
            type = 'add';
            if (this.tok.type === 'PLUS') {
                this.pos++;
                type = 'force_add';
            }
        }
        const { key, pkg, isGroup } = this.key();
        const base = { input: this.input, type, key, isGroup, ...(pkg === undefined ? {} : { package: pkg }) };
        if (type === 'delete' && this.tok.type === 'EOF')
            return base;
        this.expect('EQUAL', "'='");
        if (this.tok.type === 'EOF')
            return { ...base, value: value_str(''), valueType: 'element' };
        const first = this.element();
        if (this.tok.type === 'COMMA') {
            const choices = [first];
            while (this.tok.type === 'COMMA') {
                this.pos++;
                choices.push(this.element());
            }
            this.expect('EOF', 'the end of the override');
            return { ...base, value: list(choices), valueType: 'simple_choice_sweep', choices };
        }
        this.expect('EOF', 'the end of the override');
        return { ...base, value: first, valueType: sweepType(first) };
    }
    key() {
        let key = '';
        let isGroup = false;
        if (this.tok.type === 'ID' && this.peek().type === 'SLASH') {
            key = this.tok.text;
            this.pos++;
            while (this.tok.type === 'SLASH') {
                this.pos++;
                key += `/${this.expect('ID', 'a config group name').text}`;
            }
            isGroup = true;
        }
        else
            key = this.packageName();
        if (this.tok.type === 'AT') {
            this.pos++;
            return { key, pkg: this.packageName(), isGroup };
        }
        return { key, isGroup };
    }
    packageName() {
        const t = this.tok.type;
        if (t === 'ID' || t === 'KEY_SPECIAL' || t === 'DOT_PATH')
            return this.tokens[this.pos++].text;
        return '';
    }
    element() {
        const t = this.tok;
        switch (t.type) {
            case 'BRACKET_OPEN':
                return this.listValue();
            case 'BRACE_OPEN':
                return this.dictValue();
            case 'QUOTED_VALUE':
                this.pos++;
                return value_str(unquote(t.text));
            case 'ID':
                if (this.peek().type === 'POPEN')
                    return this.call();
                return this.primitive(PRIMITIVE_TOKENS);
            default:
                if (PRIMITIVE_TOKENS.has(t.type))
                    return this.primitive(PRIMITIVE_TOKENS);
                return this.fail(`expected a value, found ${override_parser_describe(t)}`);
        }
    }
    listValue() {
        this.pos++;
        const items = [];
        if (this.tok.type !== 'BRACKET_CLOSE') {
            items.push(this.element());
            while (this.tok.type === 'COMMA') {
                this.pos++;
                items.push(this.element());
            }
        }
        this.expect('BRACKET_CLOSE', "',' or ']'");
        return list(items);
    }
    dictValue() {
        this.pos++;
        const entries = [];
        if (this.tok.type !== 'BRACE_CLOSE') {
            entries.push(this.pair());
            while (this.tok.type === 'COMMA') {
                this.pos++;
                entries.push(this.pair());
            }
        }
        this.expect('BRACE_CLOSE', "',' or '}'");
        return value_dict(entries);
    }
    pair() {
        if (!DICT_KEY_TOKENS.has(this.tok.type))
            this.fail(`expected a dict key (bare text only: no quotes, no ':' and no \${...}), found ${override_parser_describe(this.tok)}`);
        const key = this.primitive(DICT_KEY_TOKENS);
        this.expect('COLON', "':' after the dict key");
        return [key, this.element()];
    }
    call() {
        const nameTok = this.tokens[this.pos++];
        this.pos++; // POPEN
        const args = [];
        const kwargs = [];
        if (this.tok.type !== 'PCLOSE') {
            for (;;) {
                if (this.tok.type === 'ID' && this.peek().type === 'EQUAL') {
                    const name = this.tok.text;
                    this.pos += 2;
                    kwargs.push([name, this.element()]);
                }
                else {
                    const at = this.tok;
                    const v = this.element();
                    if (kwargs.length > 0)
                        this.fail('positional argument follows keyword argument', at);
                    args.push(v);
                }
                if (this.tok.type !== 'COMMA')
                    break;
                this.pos++;
            }
        }
        this.expect('PCLOSE', "',' or ')'");
        if (!KNOWN_FUNCTIONS.has(nameTok.text))
            this.fail(`unknown function '${nameTok.text}' (quote the value, or escape '(' ')' ',' with a backslash, if it is a string)`, nameTok);
        const call = { kind: 'call', name: nameTok.text, args, kwargs };
        try {
            return evaluateCasts(call) ?? call;
        }
        catch (e) {
            if (e instanceof CastError)
                this.fail(`${e.message} (while evaluating ${nameTok.text}(...))`, nameTok);
            throw e;
        }
    }
    /** `_createPrimitive`: one token is typed, several are a string (escapes undone, ends trimmed). */
    primitive(allowed) {
        const start = this.pos;
        while (allowed.has(this.tok.type))
            this.pos++;
        const toks = this.tokens.slice(start, this.pos);
        let first = 0;
        let last = toks.length;
        if (toks[0].type === 'WS') {
            if (toks.length === 1)
                this.fail('a value cannot be only blanks here; quote it', toks[0]);
            first = 1;
        }
        if (toks[toks.length - 1].type === 'WS')
            last -= 1;
        if (last - first > 1)
            return value_str(toks
                .slice(first, last)
                .map((t) => (t.type === 'ESC' ? everyOther(t.text) : t.text))
                .join(''));
        const t = toks[first];
        switch (t.type) {
            case 'INT':
                return intFromToken(t.text);
            case 'FLOAT':
                return floatFromToken(t.text);
            case 'NULL':
                return NULL;
            case 'BOOL':
                return bool(t.text.toLowerCase() === 'true');
            case 'ESC':
                return value_str(everyOther(t.text));
            default:
                return value_str(t.text);
        }
    }
}
// Python's text[1::2]: an ESC token is backslash/character pairs.
function everyOther(s) {
    let out = '';
    for (let i = 1; i < s.length; i += 2)
        out += s[i];
    return out;
}
function sweepType(v) {
    if (v.kind === 'call') {
        const t = SWEEP_FUNCTIONS[v.name];
        if (t)
            return t;
        // sort()/shuffle() of several values or of a sweep give a sweep; of one list, a list.
        if ((v.name === 'sort' || v.name === 'shuffle') && !(v.args.length === 1 && v.args[0].kind === 'list'))
            return 'choice_sweep';
    }
    return 'element';
}
function override_parser_describe(t) {
    if (t.type === 'EOF')
        return 'the end of the override';
    return `'${t.text}'`;
}
/** Parse one raw override (as on Hydra's command line). Throws {@link OverrideSyntaxError}. */
function parseOverride(text) {
    let tokens;
    try {
        tokens = tokenize(text);
    }
    catch (e) {
        if (e instanceof LexError) {
            const c = text[e.offset];
            const hint = c === "'" || c === '"'
                ? ` (an unterminated quote: inside a quoted value, escape the same quote with a backslash)`
                : c === ' ' || c === '\t'
                    ? ' (blanks are not allowed in keys, nor after a quoted value)'
                    : ' (quote the value if it is part of a string)';
            throw new OverrideSyntaxError(text, e.offset + 1, `unexpected character ${JSON.stringify(c)}${hint}`);
        }
        throw e;
    }
    return new Parser(text, tokens).override();
}
/** Parses just a value (what follows `key=`), e.g. to check an emitted value in isolation. */
function parseValue(text) {
    return parseOverride(`x=${text}`).value ?? str('');
}

;// CONCATENATED MODULE: ./src/hydra/encode.ts
/**
 * Renders typed values as Hydra override text that Hydra's parser reads back to the
 * identical value and type (the rules of §4–§6 and §8 of the grammar notes).
 */

/** A value or dict key that no override can express, with the reason. */
class InexpressibleError extends Error {
}
// Text Hydra would read as a typed scalar if written bare (the whole text is one token).
const encode_INTU = '(?:0|[1-9](?:_?[0-9])*)';
const encode_DIGITS = '[0-9](?:_?[0-9])*';
const TYPED_RE = new RegExp(`^(?:[+-]?${encode_INTU}` +
    `|[+-]?(?:${encode_INTU}?\\.${encode_DIGITS}(?:[eE][+-]?${encode_DIGITS})?|${encode_INTU}\\.(?:[eE][+-]?${encode_DIGITS})?|${encode_INTU}[eE][+-]?${encode_DIGITS}|inf|nan)` +
    '|true|false|null)$', 'i');
/** True when `text`, written bare, would be read as an int, float, bool or null. */
function looksTyped(text) {
    return TYPED_RE.test(text);
}
// Characters that are always literal in a bare value and never form escapes, quotes,
// interpolations or calls. ':' is fine in values (not in dict keys).
const BARE_VALUE_RE = /^[A-Za-z0-9_\-/+.$%*@?|:]+$/;
// Dict keys: the same minus ':', plus the backslash-escapable characters (escaped below).
const KEY_CHAR_RE = /^[A-Za-z0-9_\-/+.$%*@?|\\()[\]{}:=, \t]+$/;
const KEY_ESCAPE_RE = /[\\()[\]{}:=, \t]/g;
/**
 * Hydra's own `QuotedString.with_quotes` escaping: a run of backslashes that ends right
 * before the delimiter (escaped) or before the closing quote is doubled; nothing else is.
 */
function quoteString(text) {
    const q = text.includes("'") && !text.includes('"') ? '"' : "'";
    let out = q;
    let run = 0;
    for (const c of text) {
        if (c === '\\') {
            run++;
            continue;
        }
        if (c === q)
            out += '\\'.repeat(run * 2) + '\\' + q;
        else
            out += '\\'.repeat(run) + c;
        run = 0;
    }
    return out + '\\'.repeat(run * 2) + q;
}
/** A string value: bare when that is unambiguous (`relu`, `a/b.txt`), quoted otherwise. */
function encodeString(text) {
    if (BARE_VALUE_RE.test(text) && !looksTyped(text))
        return text;
    return quoteString(text);
}
/** Renders a float so it reads back as the same double and stays a float. */
function encodeFloat(x) {
    return pythonFloatRepr(x);
}
/** Renders a scalar or container as override value text (an element, never a sweep). */
function encodeValue(v) {
    switch (v.kind) {
        case 'null':
            return 'null';
        case 'bool':
            return v.value ? 'true' : 'false';
        case 'int':
            return v.value.toString();
        case 'float':
            return encodeFloat(v.value);
        case 'str':
            return encodeString(v.value);
        case 'list':
            return `[${v.items.map(encodeValue).join(',')}]`;
        case 'dict':
            return `{${v.entries.map((e) => `${encodeDictKey(e.key)}:${encodeValue(e.value)}`).join(',')}}`;
    }
}
/** Why a key cannot appear in a `{...}` literal, or undefined when it can. */
function dictKeyProblem(key) {
    switch (key.kind) {
        case 'null':
            return 'a null dict key is rejected by OmegaConf';
        case 'bool':
        case 'int':
        case 'float':
            return undefined;
        case 'str': {
            const k = key.value;
            if (k === '')
                return 'an empty key cannot be written in an override';
            if (!KEY_CHAR_RE.test(k))
                return `the key ${JSON.stringify(k)} has characters Hydra's override grammar cannot write in a key (only ASCII letters, digits and _-/+.$%*@?| plus escapable \\()[]{}:=, blank and tab)`;
            if (looksTyped(k))
                return `the string key ${JSON.stringify(k)} would be read back as ${typedKind(k)} key inside {...}`;
            return undefined;
        }
    }
}
function typedKind(k) {
    const l = k.toLowerCase();
    if (l === 'true' || l === 'false')
        return 'a bool';
    if (l === 'null')
        return 'a null';
    return /^[+-]?(?:0|[1-9](?:_?[0-9])*)$/.test(k) ? 'an int' : 'a float';
}
/** Renders a dict key for a `{...}` literal; throws {@link InexpressibleError} if impossible. */
function encodeDictKey(key) {
    const problem = dictKeyProblem(key);
    if (problem)
        throw new InexpressibleError(problem);
    return renderDictKey(key);
}
/** Renders a key already checked with {@link dictKeyProblem}. */
function renderDictKey(key) {
    switch (key.kind) {
        case 'str':
            return key.value.replace(KEY_ESCAPE_RE, (c) => `\\${c}`);
        case 'bool':
            return key.value ? 'true' : 'false';
        case 'int':
            return key.value.toString();
        case 'float':
            return encodeFloat(key.value);
        default:
            throw new InexpressibleError('a null dict key is rejected by OmegaConf');
    }
}
const IDENT_SEGMENT_RE = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const INT_SEGMENT_RE = /^(?:0|[1-9](?:_?[0-9])*)$/;
/**
 * Whether a string key can be one segment of a dotted override key. Integer segments are
 * legal only below the top level (`0=1` is a lexer error, `a.0=1` is fine).
 */
function isKeySegment(key, topLevel) {
    return IDENT_SEGMENT_RE.test(key) || (!topLevel && INT_SEGMENT_RE.test(key));
}
/** Extends a message key path by one key: `a` + `b` → `a.b`, `a` + 1 → `a[1]`. */
function appendKeyPath(parent, k) {
    if (k.kind === 'str' && IDENT_SEGMENT_RE.test(k.value))
        return parent === '' ? k.value : `${parent}.${k.value}`;
    if (k.kind === 'str')
        return `${parent}[${JSON.stringify(k.value)}]`;
    if (k.kind === 'null')
        return `${parent}[null]`;
    return `${parent}[${k.kind === 'float' ? encodeFloat(k.value) : String(k.value)}]`;
}
/** Renders a key path for messages: `a.b[1]["c d"]`. */
function describeKeyPath(path) {
    return path.reduce(appendKeyPath, '');
}

;// CONCATENATED MODULE: ./src/hydra/flatten.ts
/**
 * Turns a loaded config into Hydra overrides, one per leaf (§8 of the grammar notes),
 * keeping the tree shape (and which keys fit in a literal) so the packer can merge siblings.
 */


const PREFIX_RE = /^(\+\+|\+|~)(.*)$/s;
/** Every flat override of the tree, in emission order. */
function* units(children) {
    for (const c of children) {
        if (c.unit)
            yield c.unit;
        if (c.group)
            yield* units(c.group.children);
    }
}
/** Renders a flat override. */
function renderUnit(u) {
    return u.valueText === undefined ? `${u.prefix}${u.key}` : `${u.prefix}${u.key}=${u.valueText}`;
}
class Flattener {
    drop;
    problems = [];
    skipped = [];
    constructor(drop) {
        this.drop = drop;
    }
    /** Reports every dict key inside `v` that no literal can hold; true when all are fine. */
    checkValue(v, keyPath) {
        let ok = true;
        if (v.kind === 'list')
            v.items.forEach((x, i) => (ok = this.checkValue(x, appendKeyPath(keyPath, value_int(i))) && ok));
        else if (v.kind === 'dict')
            for (const e of v.entries) {
                const problem = dictKeyProblem(e.key);
                if (problem) {
                    this.problems.push({ keyPath: appendKeyPath(keyPath, e.key), message: problem });
                    ok = false;
                }
                ok = this.checkValue(e.value, appendKeyPath(keyPath, e.key)) && ok;
            }
        return ok;
    }
    /**
     * `parentKey` is the dotted override key of `d` ('' at the root), or of its nearest
     * ancestor reachable by a dotted key when `literalChain` (the literal keys from there
     * down to `d`) is not empty; `parentPath` is `d`'s message path.
     */
    entries(d, parentKey, parentPath, inherited, topLevel, literalChain = []) {
        const out = [];
        const inLiteral = literalChain.length > 0;
        for (const { key: rawKey, value } of d.entries) {
            let prefix = inherited;
            let key = rawKey;
            const m = rawKey.kind === 'str' ? PREFIX_RE.exec(rawKey.value) : null;
            if (m) {
                prefix = m[1];
                key = value_str(m[2]);
            }
            const plainPath = appendKeyPath(parentPath, key);
            const keyPath = m ? `${m[1]}${plainPath}` : plainPath;
            if (topLevel && !m && key.kind === 'str' && key.value === 'defaults') {
                // The Defaults List is consumed by Hydra while composing; it is not a config value
                // and `defaults=...` would fail. Config groups are chosen with `group=option`.
                this.skipped.push('defaults');
                continue;
            }
            if (m && key.kind === 'str' && key.value === '') {
                this.problems.push({ keyPath, message: `the prefix '${m[1]}' must be followed by a key name` });
                continue;
            }
            // Below a key that only a literal can hold, every key must be in the literal too.
            const seg = !inLiteral && key.kind === 'str' && isKeySegment(key.value, topLevel) ? key.value : undefined;
            const dotted = seg === undefined ? parentKey : topLevel ? seg : `${parentKey}.${seg}`;
            const isGroup = value.kind === 'dict' && value.entries.length > 0 && prefix !== '~';
            if (seg !== undefined && this.drop(dotted, isGroup))
                continue;
            const keyProblem = dictKeyProblem(key);
            const literalKey = keyProblem ? undefined : renderDictKey(key);
            if (prefix === '~') {
                if (seg === undefined) {
                    this.problems.push({
                        keyPath,
                        message: 'a deletion (~) needs a key that can be written as a dotted override key'
                    });
                    continue;
                }
                if (!this.checkValue(value, plainPath))
                    continue;
                const unit = {
                    prefix,
                    key: dotted,
                    ...(value.kind === 'null' ? {} : { valueText: encodeValue(value) }),
                    keyPath
                };
                out.push({ seg, prefix, unit, unitCount: 1, keyPath });
                continue;
            }
            if (seg !== undefined && value.kind === 'dict' && value.entries.length > 0) {
                const children = this.entries(value, dotted, plainPath, prefix, false);
                if (children.length === 0)
                    continue;
                out.push({
                    seg,
                    ...(literalKey === undefined ? {} : { literalKey }),
                    prefix,
                    group: { key: dotted, keyPath, children },
                    unitCount: children.reduce((n, c) => n + c.unitCount, 0),
                    keyPath
                });
                continue;
            }
            if (!this.checkValue(value, plainPath))
                continue;
            if (seg !== undefined) {
                const valueText = encodeValue(value);
                out.push({
                    seg,
                    ...(literalKey === undefined ? {} : { literalKey }),
                    prefix,
                    unit: { prefix, key: dotted, valueText, keyPath },
                    valueText,
                    unitCount: 1,
                    keyPath
                });
                continue;
            }
            if (topLevel) {
                this.problems.push({
                    keyPath,
                    message: "a top-level key must be an identifier (letters, digits, _, $ and -, not starting with a digit or -) to be overridden; Hydra cannot set this key from the command line — move it under a parent key or into the image's own config"
                });
                continue;
            }
            if (literalKey === undefined) {
                this.problems.push({
                    keyPath,
                    message: `${keyProblem}, and it is not a valid dotted key segment either, so no override can set it`
                });
                continue;
            }
            // Not a dotted segment but fine inside a literal: a one-entry dict at the nearest
            // dotted key, which Hydra merges into the existing mapping. A mapping there is split
            // into one such override per leaf, so the packer can regroup it under the limit.
            const chain = [...literalChain, literalKey];
            // A NaN key never equals another NaN, so its mapping must travel in one piece.
            const nanKey = key.kind === 'float' && Number.isNaN(key.value);
            if (value.kind === 'dict' && value.entries.length > 0 && !nanKey) {
                const children = this.entries(value, parentKey, plainPath, prefix, false, chain);
                if (children.length === 0)
                    continue;
                out.push({
                    literalKey,
                    prefix,
                    group: { key: parentKey, keyPath, children },
                    unitCount: children.reduce((n, c) => n + c.unitCount, 0),
                    keyPath
                });
                continue;
            }
            const valueText = encodeValue(value);
            out.push({
                literalKey,
                prefix,
                unit: {
                    prefix,
                    key: parentKey,
                    valueText: chain.reduceRight((inner, k) => `{${k}:${inner}}`, valueText),
                    keyPath
                },
                valueText,
                unitCount: 1,
                keyPath
            });
        }
        return out;
    }
}
/**
 * Flattens a config into override units (§8). `drop` removes keys that a later override
 * sets anyway (the experiment name, user overrides) so Hydra never sees both.
 */
function flattenConfig(config, drop = () => false) {
    const f = new Flattener(drop);
    const children = f.entries(config, '', '', '', true);
    return { children, problems: f.problems, skipped: f.skipped };
}

;// CONCATENATED MODULE: ./src/hydra/pack.ts
/**
 * Packs sibling overrides into dict literals (`a={b:1,c:2}` instead of `a.b=1 a.c=2`).
 *
 * Lossless because Hydra applies every override with `OmegaConf.update(..., merge=True)`:
 * a dict literal merges into the existing mapping, keeping keys it does not mention, and a
 * dict value is always a config override even when the key names a config group.
 *
 * The leaves are cut, in YAML order, into consecutive runs; each run becomes one override
 * rooted at the deepest key its leaves share, with the rest of their paths nested inside
 * the literal (`a.b={c:{d:1},e:2}`). Extending a run never makes it shorter or more
 * writable, so growing each run greedily until the next leaf no longer fits gives the
 * fewest overrides of any order-keeping packing — and keeping the order means the composed
 * config lists its keys exactly as the YAML did. Only leaves with the same prefix share a
 * literal; deletions are never packed.
 */

function collect(children, stack, out) {
    for (const c of children) {
        stack.push(c);
        if (c.group)
            collect(c.group.children, stack, out);
        else {
            const nodes = stack.slice();
            let pathable = 0;
            while (pathable < nodes.length && nodes[pathable].seg !== undefined)
                pathable++;
            let minRoot = 0;
            nodes.forEach((n, i) => {
                if (n.literalKey === undefined)
                    minRoot = i + 1;
            });
            out.push({
                child: c,
                nodes,
                pathable,
                minRoot,
                prefix: c.prefix,
                packable: c.prefix !== '~' && c.valueText !== undefined
            });
        }
        stack.pop();
    }
}
function commonDepth(a, b) {
    const n = Math.min(a.length, b.length);
    let i = 0;
    while (i < n && a[i] === b[i])
        i++;
    return i;
}
/** Length of the literal for leaves[from, to), which share their first `depth` entries. */
function literalLength(leaves, from, to, depth) {
    let len = 2;
    for (let i = from; i < to;) {
        const node = leaves[i].nodes[depth];
        let j = i + 1;
        while (j < to && leaves[j].nodes[depth] === node)
            j++;
        if (i > from)
            len += 1;
        len += (node.literalKey?.length ?? 0) + 1;
        len += leaves[i].nodes.length === depth + 1 ? (node.valueText?.length ?? 0) : literalLength(leaves, i, j, depth + 1);
        i = j;
    }
    return len;
}
function renderLiteral(leaves, from, to, depth) {
    const parts = [];
    for (let i = from; i < to;) {
        const node = leaves[i].nodes[depth];
        let j = i + 1;
        while (j < to && leaves[j].nodes[depth] === node)
            j++;
        const inner = leaves[i].nodes.length === depth + 1 ? (node.valueText ?? '') : renderLiteral(leaves, i, j, depth + 1);
        parts.push(`${node.literalKey ?? ''}:${inner}`);
        i = j;
    }
    return `{${parts.join(',')}}`;
}
/**
 * What appending `leaf` adds to a literal whose previous leaf shares its first `shared`
 * entries: a comma, the new nested keys with their braces, and the value.
 */
function addedLength(leaf, shared) {
    const { nodes } = leaf;
    let len = 1;
    for (let k = shared; k < nodes.length - 1; k++)
        len += (nodes[k].literalKey?.length ?? 0) + 3;
    const last = nodes[nodes.length - 1];
    return len + (last.literalKey?.length ?? 0) + 1 + (last.valueText?.length ?? 0);
}
/** The dotted key of the entry at `root - 1` on the leaf's path. */
function rootKey(leaf, root) {
    return leaf.nodes[root - 1].group?.key ?? '';
}
/**
 * Packs the flattened config into as few overrides as it can, each at most `maxLength`
 * characters where possible (a single value longer than that cannot be split and is
 * returned as is, for the caller to report).
 */
function packOverrides(children, maxLength) {
    const leaves = [];
    collect(children, [], leaves);
    const args = [];
    const packedKeys = new Set();
    for (let i = 0; i < leaves.length;) {
        const first = leaves[i];
        let end = i;
        let root = 0;
        if (first.packable) {
            let depth = first.nodes.length;
            let pathable = first.pathable;
            let minRoot = first.minRoot;
            let literal = 0; // literal length of the current run at `root`
            for (let j = i + 1; j < leaves.length; j++) {
                const next = leaves[j];
                if (!next.packable || next.prefix !== first.prefix)
                    break;
                const shared = commonDepth(leaves[j - 1].nodes, next.nodes);
                const d = Math.min(depth, shared);
                const p = Math.min(pathable, next.pathable);
                const m = Math.max(minRoot, next.minRoot);
                const r = Math.min(d, p);
                if (r < 1 || r < m)
                    break;
                // Same root: only the new leaf's entries are added; otherwise measure afresh.
                const lit = r === root ? literal + addedLength(next, shared) : literalLength(leaves, i, j + 1, r);
                if (first.prefix.length + rootKey(first, r).length + 1 + lit > maxLength)
                    break;
                depth = d;
                pathable = p;
                minRoot = m;
                root = r;
                literal = lit;
                end = j;
            }
        }
        if (end === i)
            args.push(renderUnit(first.child.unit ?? { prefix: first.prefix, key: '', keyPath: '' }));
        else {
            args.push(`${first.prefix}${rootKey(first, root)}=${renderLiteral(leaves, i, end + 1, root)}`);
            packedKeys.add(first.nodes[root - 1].keyPath);
        }
        i = end + 1;
    }
    return { args, packedKeys: [...packedKeys] };
}

;// CONCATENATED MODULE: ./src/hydra/plan.ts
/**
 * Builds SageMaker `ContainerArguments` from the command words, the Hydra config, the
 * experiment name and the user's raw overrides, within SageMaker's limits.
 */





/** SageMaker's limits on `ContainerArguments`. */
const SAGEMAKER_MAX_ARGS = 100;
const SAGEMAKER_MAX_ARG_LENGTH = 256;
// Hydra's own command-line flags (argparse), and those that take the next word as value.
const MULTIRUN_FLAGS = new Set(['-m', '--multirun']);
const FLAGS_WITH_VALUE = new Set([
    '-cp',
    '--config-path',
    '-cn',
    '--config-name',
    '-cd',
    '--config-dir',
    '-c',
    '--cfg',
    '-p',
    '--package',
    '--experimental-rerun'
]);
/**
 * Whether Hydra runs in multirun mode. `python -m module` uses `-m` for Python itself,
 * so a `-m` right after a python executable does not count.
 */
function isMultirun(words) {
    return words.some((w, i) => w === '--multirun' || (w === '-m' && !(i > 0 && /(^|\/)python[\d.]*$/.test(words[i - 1]))));
}
function validateOverrides(overrides, lineOf, multirun, problems) {
    const parsed = [];
    let flagValue = false;
    overrides.forEach((text, i) => {
        const where = `input overrides line ${lineOf(i)}`;
        // Hydra flags (--cfg job, -cn other) pass through untouched; they are not overrides.
        if (flagValue) {
            flagValue = false;
            return;
        }
        if (text.startsWith('-')) {
            flagValue = FLAGS_WITH_VALUE.has(text);
            return;
        }
        try {
            const o = parseOverride(text);
            if (o.valueType && o.valueType !== 'element' && !multirun)
                problems.push({
                    where,
                    message: o.valueType === 'simple_choice_sweep'
                        ? `${JSON.stringify(text)} is a sweep (an unquoted comma), which Hydra rejects without --multirun: write a list as key=[a,b] or quote a string as key='a,b'`
                        : `${JSON.stringify(text)} is a sweep (${o.valueType.replace(/_/g, ' ')}), which Hydra rejects without --multirun`
                });
            parsed.push(o);
        }
        catch (e) {
            if (e instanceof OverrideSyntaxError)
                problems.push({ where, message: e.message });
            else
                throw e;
        }
    });
    return parsed;
}
function sizeReport(children, maxLength) {
    const rows = children
        .map((c) => {
        const args = packOverrides([c], maxLength).args;
        return { key: c.keyPath, args: args.length, chars: args.reduce((n, a) => n + a.length, 0) };
    })
        .sort((a, b) => b.args - a.args || b.chars - a.chars);
    const shown = rows
        .slice(0, 10)
        .map((r) => `${r.key} (${r.args} argument${r.args === 1 ? '' : 's'}, ${r.chars} characters)`);
    const more = rows.length > 10 ? `, and ${rows.length - 10} more` : '';
    return `${shown.join(', ')}${more}`;
}
/**
 * Pure. Throws ConfigError listing every problem: inexpressible values (with key path),
 * bad user overrides (override + column), and limits that cannot be met (offending keys,
 * sizes and what to do).
 */
function planContainerArguments(input) {
    const maxArgs = input.maxArgs ?? SAGEMAKER_MAX_ARGS;
    const maxLen = input.maxArgLength ?? SAGEMAKER_MAX_ARG_LENGTH;
    const problems = [];
    const configWhere = (keyPath) => `${input.configFile} key ${keyPath}`;
    // Blank lines in the overrides input are layout; messages keep the user's line numbers.
    const lines = input.overrides.map((text, i) => ({ text, line: i + 1 })).filter((o) => o.text.trim() !== '');
    const overrides = lines.map((o) => o.text);
    const lineOf = (index) => lines[index].line;
    const multirun = isMultirun(input.command) || overrides.some((w) => MULTIRUN_FLAGS.has(w));
    const user = validateOverrides(overrides, lineOf, multirun, problems);
    let experimentArg = [];
    let experimentKey;
    if (input.experiment) {
        const { key, value } = input.experiment;
        const arg = `++${key}=${encodeString(value)}`;
        try {
            const o = parseOverride(arg);
            if (o.isGroup || o.package !== undefined || o.key !== key)
                throw new OverrideSyntaxError(arg, 3, 'not a plain config key');
            experimentArg = [arg];
            experimentKey = key;
        }
        catch (e) {
            if (!(e instanceof OverrideSyntaxError))
                throw e;
            problems.push({
                where: 'experiment',
                message: `${JSON.stringify(key)} cannot be used as an override key: ${e.message}`
            });
        }
    }
    // Hydra applies value overrides in order, so a later one simply wins; dropping the
    // config's copy of a key set again later keeps the list short and the intent obvious.
    // A user override on a whole mapping may be a config-group choice, so mappings stay.
    const userKeys = new Set(user.filter((o) => !o.isGroup && o.package === undefined && o.key !== '').map((o) => o.key));
    const shadowed = [];
    const drop = (dotted, isGroup) => {
        const hit = dotted === experimentKey || (!isGroup && userKeys.has(dotted));
        if (hit)
            shadowed.push(dotted);
        return hit;
    };
    const flat = input.config ? flattenConfig(input.config, drop) : { children: [], problems: [], skipped: [] };
    for (const p of flat.problems)
        problems.push({ where: configWhere(p.keyPath), message: p.message });
    const flatArgs = [...units(flat.children)].map(renderUnit);
    const fixed = input.command.length + experimentArg.length + overrides.length;
    const unpackedCount = fixed + flatArgs.length;
    const budget = maxArgs - fixed;
    let configArgs = flatArgs;
    let packedKeys = [];
    if (flatArgs.length > budget) {
        const packed = packOverrides(flat.children, maxLen);
        configArgs = packed.args;
        packedKeys = packed.packedKeys;
    }
    input.command.forEach((w, i) => {
        if (w.length > maxLen)
            problems.push({
                where: 'command',
                message: `word ${i + 1} is ${w.length} characters; SageMaker allows at most ${maxLen} per argument`
            });
    });
    for (const a of configArgs)
        if (a.length > maxLen) {
            const key = a.replace(/^[+~]*/, '').split('=')[0];
            problems.push({
                where: configWhere(key),
                message: `the override is ${a.length} characters but SageMaker allows at most ${maxLen} per argument, and a single value cannot be split; shorten the value or move it into a file in the image and point to it`
            });
        }
    overrides.forEach((o, i) => {
        if (o.length > maxLen)
            problems.push({
                where: `input overrides line ${lineOf(i)}`,
                message: `the override is ${o.length} characters; SageMaker allows at most ${maxLen} per argument`
            });
    });
    for (const a of experimentArg)
        if (a.length > maxLen)
            problems.push({
                where: 'experiment',
                message: `the experiment override is ${a.length} characters; SageMaker allows at most ${maxLen}`
            });
    if (budget < 0) {
        problems.push({
            where: 'input overrides',
            message: `the command words (${input.command.length}), experiment override (${experimentArg.length}) and user overrides (${overrides.length}) alone need ${fixed} arguments; SageMaker allows at most ${maxArgs}`
        });
    }
    else if (configArgs.length > budget) {
        problems.push({
            where: input.configFile,
            message: `the config needs ${configArgs.length} arguments even after packing sibling keys into dict literals, ` +
                `but only ${Math.max(0, budget)} of SageMaker's ${maxArgs} are left (${input.command.length} command words, ` +
                `${experimentArg.length} experiment override, ${overrides.length} user overrides). ` +
                `It has ${flat.children.length} top-level keys, and each needs at least one argument. Largest: ${sizeReport(flat.children, maxLen)}. ` +
                'To fit, group top-level keys under fewer parents, shorten long keys and values, or ship the bulky parts as a config file in the image and select it with a config group'
        });
    }
    if (problems.length > 0)
        throw new errors/* ConfigError */.x(problems);
    // Hydra reads line breaks inside quoted values fine, but SageMaker documents the
    // argument pattern as `.*`, which may not admit them; say so rather than guess.
    const warnings = [];
    const lineBreak = /[\n\r\u0085\u2028\u2029]/;
    for (const u of units(flat.children))
        if (lineBreak.test(u.valueText ?? ''))
            warnings.push(`${configWhere(u.keyPath)}: the value contains a line break; SageMaker's ContainerArguments pattern (.*) may reject it`);
    overrides.forEach((o, i) => {
        if (lineBreak.test(o))
            warnings.push(`input overrides line ${lineOf(i)}: the override contains a line break; SageMaker may reject it`);
    });
    return {
        args: [...input.command, ...configArgs, ...experimentArg, ...overrides],
        configOverrides: configArgs.length,
        unpackedCount,
        packed: packedKeys.length > 0,
        packedKeys,
        skippedKeys: [...flat.skipped],
        shadowedKeys: shadowed,
        warnings
    };
}

;// CONCATENATED MODULE: ./src/hydra/apply.ts

/** OmegaConf's merge: mappings merge key by key (recursively), anything else replaces. */
function mergeValues(base, incoming) {
    if (base.kind !== 'dict' || incoming.kind !== 'dict')
        return incoming;
    const entries = base.entries.map((e) => [e.key, e.value]);
    const index = new Map();
    entries.forEach(([k], i) => {
        const id = keyIdentity(k);
        if (id !== undefined)
            index.set(id, i);
    });
    for (const e of incoming.entries) {
        const id = keyIdentity(e.key);
        const at = id === undefined ? undefined : index.get(id);
        if (at === undefined) {
            if (id !== undefined)
                index.set(id, entries.length);
            entries.push([e.key, e.value]);
        }
        else
            entries[at] = [entries[at][0], mergeValues(entries[at][1], e.value)];
    }
    return dict(entries);
}
function update(node, segs, value) {
    const [head, ...rest] = segs;
    const key = str(head);
    const id = keyIdentity(key);
    const existing = node.entries.find((e) => keyIdentity(e.key) === id);
    let next;
    if (rest.length === 0)
        next = value === undefined ? undefined : existing ? mergeValues(existing.value, value) : value;
    else {
        const child = existing && existing.value.kind === 'dict' ? existing.value : dict([]);
        next = update(child, rest, value);
    }
    if (next === undefined)
        return dict(node.entries.filter((e) => keyIdentity(e.key) !== id).map((e) => [e.key, e.value]));
    if (existing)
        return dict(node.entries.map((e) => [e.key, keyIdentity(e.key) === id ? next : e.value]));
    return dict([...node.entries.map((e) => [e.key, e.value]), [key, next]]);
}
/**
 * Applies parsed value overrides to `base` in order. Function calls and sweeps are not
 * evaluated (they throw); `~key` deletes.
 */
function applyOverrides(base, overrides) {
    let cfg = base;
    for (const o of overrides) {
        if (o.isGroup || o.package !== undefined)
            throw new Error(`not a value override: ${o.input}`);
        if (o.valueType !== undefined && o.valueType !== 'element')
            throw new Error(`sweep: ${o.input}`);
        if (containsCall(o.value))
            throw new Error(`function call not evaluated: ${o.input}`);
        const segs = o.key === '' ? [''] : o.key.split('.');
        cfg = update(cfg, segs, o.type === 'delete' ? undefined : o.value);
    }
    return cfg;
}
function containsCall(v) {
    if (v === undefined)
        return false;
    if (v.kind === 'call')
        return true;
    if (v.kind === 'list')
        return v.items.some(containsCall);
    if (v.kind === 'dict')
        return v.entries.some((e) => containsCall(e.value));
    return false;
}

;// CONCATENATED MODULE: ./src/hydra/summary.ts
/** A code fence longer than any backtick run inside, so no argument can close it early. */
function fence(text) {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    return '`'.repeat(longest + 1);
}
function summary_visible(arg) {
    // One argument per line: line breaks and tabs inside an argument are shown escaped.
    return arg.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
/**
 * Markdown (with HTML `<details>`) for a GitHub job summary: a note when sibling keys were
 * packed into dict literals, then the arguments, one per line, in a collapsible block.
 */
function formatArgumentsSummary(plan) {
    const lines = [];
    if (plan.packed) {
        const keys = plan.packedKeys.slice(0, 20).map((k) => `\`${k}\``);
        const more = plan.packedKeys.length > 20 ? ` and ${plan.packedKeys.length - 20} more` : '';
        lines.push(`The Hydra config needed ${plan.unpackedCount} container arguments, more than SageMaker's limit, ` +
            `so sibling keys were packed into dict literals (${plan.configOverrides} config overrides; Hydra merges them, so the values are unchanged): ` +
            `${keys.join(', ')}${more}.`, '');
    }
    if (plan.shadowedKeys.length > 0)
        lines.push(`Set later by the experiment name or your overrides, so not repeated from the config: ${plan.shadowedKeys.map((k) => `\`${k}\``).join(', ')}.`, '');
    const body = plan.args.map(summary_visible).join('\n');
    const f = fence(body);
    lines.push('<details>', `<summary>Container arguments (${plan.args.length})</summary>`, '', `${f}text`, body, f, '', '</details>');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/hydra/index.ts
/**
 * Hydra YAML → SageMaker container arguments that Hydra parses back exactly.
 * The rules come from /work/shared/reference/hydra-grammar.md (checked against Hydra 1.3).
 *
 * Decisions worth knowing:
 * - Config values are emitted as plain `key=value` (the image's config has these keys);
 *   a YAML key written `+key`, `++key` or `~key` adds, force-adds or deletes instead, and
 *   the prefix applies to every leaf below it.
 * - The top-level `defaults` list is not a config value (Hydra consumes it while
 *   composing, and `defaults=...` fails), so it is left out and reported in `skippedKeys`.
 * - The experiment name is emitted as `++key='value'`, which works whether or not the
 *   config declares the key; a config leaf with the same key is dropped.
 * - Hydra applies value overrides in order, so a later one wins. A config leaf whose exact
 *   key a user override sets again is dropped (`shadowedKeys`); a config mapping under a
 *   key the user sets as a whole is kept, because that key may be a config group.
 * - User overrides are parsed with our grammar before anything is built; words starting
 *   with `-` are Hydra flags and pass through; sweeps are errors unless `--multirun`/`-m`.
 * - Packing, only when the flat list would exceed the limit, merges consecutive leaves
 *   into dict literals (Hydra merges dict values). Inside a packed `+key={...}` Hydra no
 *   longer checks that each inner key is new: the composed values are the same, only that
 *   "already exists" error is lost.
 * - YAML is read like PyYAML + OmegaConf. Deliberate differences, all rejections of
 *   configs Hydra could not use either: tags other than str/int/float/bool/null/seq/map
 *   (OmegaConf rejects timestamps and sets; bytes cannot be written as an override),
 *   recursive aliases, and `!!int`/`!!float` text with surrounding blanks.
 */










// EXTERNAL MODULE: ./src/image-plan.ts
var image_plan = __webpack_require__(9916);
;// CONCATENATED MODULE: ./src/yaml-file.ts
/**
 * Reads a YAML config file into a small tree that remembers where each value
 * came from, so every complaint can name file:line:column and the key path.
 * YAML 1.1 rules, as the PyYAML-based script this action replaces used.
 */

/** Parses the text; YAML syntax errors come back as problems with their position. */
function readYaml(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { version: '1.1', lineCounter, uniqueKeys: true, prettyErrors: true });
    const problems = doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return {
            where: pos ? `${file}:${pos.line}:${pos.col}` : file,
            message: `invalid YAML: ${e.message.split('\n')[0]}`
        };
    });
    if (problems.length > 0)
        return { problems };
    if (doc.contents === null)
        return { problems };
    const at = (node) => {
        const offset = node?.range?.[0];
        if (offset === undefined)
            return file;
        const { line, col } = lineCounter.linePos(offset);
        return `${file}:${line}:${col}`;
    };
    return { root: convert(doc, doc.contents, '', at), problems };
}
// A map entry is reported at its key: that is the line a person looks for.
function convert(doc, node, path, at, keyAt) {
    const target = (0,dist/* isAlias */.Vj)(node) ? node.resolve(doc) : node;
    const where = keyAt ?? at(target);
    if ((0,dist/* isMap */.jh)(target)) {
        const entries = new Map();
        for (const pair of target.items) {
            const keyNode = pair.key;
            const key = (0,dist/* isScalar */.jn)(keyNode) ? String(keyNode.value) : String(keyNode);
            const child = path ? `${path}.${key}` : key;
            const value = pair.value ?? null;
            entries.set(key, value === null
                ? { kind: 'scalar', value: null, source: '', quoted: false, at: at(keyNode), path: child }
                : convert(doc, value, child, at, at(keyNode)));
        }
        return { kind: 'map', entries, at: where, path };
    }
    if ((0,dist/* isSeq */.oP)(target)) {
        const items = target.items.map((item, i) => convert(doc, item, `${path}[${i}]`, at));
        return { kind: 'seq', items, at: where, path };
    }
    const scalar = target;
    return {
        kind: 'scalar',
        value: scalar.value ?? null,
        source: scalar.source ?? String(scalar.value ?? ''),
        quoted: scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE',
        at: where,
        path
    };
}
/** The closest of `candidates` to `word`, when it is close enough to be a likely typo. */
function didYouMean(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
function editDistance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        prev = row;
    }
    return prev[b.length];
}

;// CONCATENATED MODULE: ./src/job-config.ts

const SCHEMA = {
    job: ['name', 'instance_type', 'instance_count', 'volume_size', 'max_runtime', 'max_wait'],
    aws: ['region', 'ecr_repository', 's3_bucket', 's3_prefix', 'spot_enabled', 'role_arn', 'image_tag'],
    tags: null,
    inputs: null,
    environment: null,
    checkpoint_s3_uri: null,
    vpc: ['subnets', 'security_groups'],
    kms_key_id: null,
    metric_definitions: null
};
const CHANNEL_KEYS = ['uri', 'distribution', 'input_mode', 'content_type', 'compression'];
const MAX_RUNTIME_LIMIT = 28 * 24 * 3600;
const S3_URI = /^s3:\/\/[^/]+(\/.*)?$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const DEFAULT_VOLUME_GB = 30;
const DEFAULT_MAX_RUNTIME = 24 * 3600;
/** Validates the job config text (undefined when the file is missing). */
function readJobConfig(text, file, overrides, env = {}) {
    const problems = [];
    const notices = [];
    if (text === undefined) {
        return {
            problems: [
                {
                    where: `input job-config`,
                    message: `${file} does not exist in the checkout; point job-config at your SageMaker job config file`
                }
            ],
            notices
        };
    }
    const parsed = readYaml(text, file);
    if (parsed.problems.length > 0)
        return { problems: parsed.problems, notices };
    const root = parsed.root ?? { kind: 'map', entries: new Map(), at: file, path: '' };
    const bad = (node, message) => {
        problems.push({ where: node ? `${node.at} ${node.path}` : file, message });
    };
    if (root.kind !== 'map') {
        bad(root, 'the file must be a mapping with job:, aws: and tags: sections');
        return { problems, notices };
    }
    checkKeys(root, Object.keys(SCHEMA), bad);
    for (const [section, keys] of Object.entries(SCHEMA)) {
        const node = root.entries.get(section);
        if (keys && node) {
            if (node.kind !== 'map')
                bad(node, `must be a mapping with keys ${keys.join(', ')}`);
            else
                checkKeys(node, keys, bad);
        }
    }
    const job = section(root, 'job');
    const aws = section(root, 'aws');
    const r = new Reader(bad);
    if (job?.entries.has('name')) {
        notices.push(`${file}: job.name is not used: the job is named by the job-name input (default: the short commit hash)`);
    }
    if (aws?.entries.has('image_tag')) {
        notices.push(`${file}: aws.image_tag is ignored: the image is always tagged with the short commit hash`);
    }
    const instanceType = overrides.instanceType ??
        r.string(job?.entries.get('instance_type'), { required: 'job.instance_type', parent: job ?? root });
    if (instanceType !== undefined && !/^ml\.[a-z0-9-]+\.[a-z0-9-]+$/.test(instanceType)) {
        problems.push({
            where: overrides.instanceType ? 'input instance-type' : `${file} job.instance_type`,
            message: `'${instanceType}' is not a SageMaker instance type (like ml.g5.xlarge)`
        });
    }
    const instanceCount = overrides.instanceCount ?? r.int(job?.entries.get('instance_count'), 1, 1, 1000);
    const volumeSizeGb = r.int(job?.entries.get('volume_size'), DEFAULT_VOLUME_GB, 1, 16384);
    const maxRuntimeSeconds = r.int(job?.entries.get('max_runtime'), DEFAULT_MAX_RUNTIME, 1, MAX_RUNTIME_LIMIT);
    const spot = r.bool(aws?.entries.get('spot_enabled'), false);
    const maxWaitNode = job?.entries.get('max_wait');
    let maxWaitSeconds = r.int(maxWaitNode, undefined, 1, undefined);
    if (maxWaitNode && maxWaitSeconds !== undefined && !spot) {
        bad(maxWaitNode, 'max_wait only applies to spot training: set aws.spot_enabled: true or remove it');
    }
    if (spot && maxWaitSeconds === undefined && maxRuntimeSeconds !== undefined) {
        // The seed's choice: a day of waiting for spot capacity on top of the runtime.
        maxWaitSeconds = maxRuntimeSeconds + 24 * 3600;
    }
    if (spot && maxWaitSeconds !== undefined && maxRuntimeSeconds !== undefined && maxWaitSeconds < maxRuntimeSeconds) {
        bad(maxWaitNode, `max_wait (${maxWaitSeconds}) must be at least max_runtime (${maxRuntimeSeconds}): it includes the training time`);
    }
    const region = overrides.region ?? r.string(aws?.entries.get('region')) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (region === undefined) {
        problems.push({
            where: `${file} aws.region`,
            message: 'no region: set aws.region, the region input, or AWS_REGION (configure-aws-credentials sets it)'
        });
    }
    else if (!REGION.test(region)) {
        problems.push({
            where: overrides.region ? 'input region' : `${file} aws.region`,
            message: `'${region}' is not an AWS region (like us-east-1)`
        });
    }
    const ecrRepository = overrides.ecrRepository ??
        r.string(aws?.entries.get('ecr_repository'), { required: 'aws.ecr_repository', parent: aws ?? root });
    const s3Bucket = r.string(aws?.entries.get('s3_bucket'), { required: 'aws.s3_bucket', parent: aws ?? root });
    if (s3Bucket !== undefined && !BUCKET.test(s3Bucket)) {
        bad(aws?.entries.get('s3_bucket'), `'${s3Bucket}' is not an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens; no s3:// prefix)`);
    }
    const s3Prefix = (r.string(aws?.entries.get('s3_prefix')) ?? '').replace(/^\/+|\/+$/g, '');
    const roleArn = overrides.roleArn ?? r.string(aws?.entries.get('role_arn'));
    if (roleArn === undefined) {
        problems.push({
            where: `${file} aws.role_arn`,
            message: 'no SageMaker execution role: set aws.role_arn or the role-arn input (arn:aws:iam::<account>:role/<name>, a role SageMaker can assume)'
        });
    }
    const tags = r.stringMap(root.entries.get('tags'));
    const environment = r.stringMap(root.entries.get('environment'));
    const channels = readChannels(root.entries.get('inputs'), r, bad);
    const checkpointS3Uri = r.string(root.entries.get('checkpoint_s3_uri'));
    if (checkpointS3Uri !== undefined && !S3_URI.test(checkpointS3Uri)) {
        bad(root.entries.get('checkpoint_s3_uri'), `'${checkpointS3Uri}' must be an s3:// URI`);
    }
    const kmsKeyId = r.string(root.entries.get('kms_key_id'));
    const vpcNode = section(root, 'vpc');
    let vpc;
    if (vpcNode) {
        const subnets = r.stringList(vpcNode.entries.get('subnets'), { required: 'vpc.subnets', parent: vpcNode });
        const securityGroups = r.stringList(vpcNode.entries.get('security_groups'), {
            required: 'vpc.security_groups',
            parent: vpcNode
        });
        if (subnets && securityGroups)
            vpc = { subnets, securityGroups };
    }
    const metricDefinitions = readMetrics(root.entries.get('metric_definitions'), r, bad);
    if (problems.length > 0)
        return { problems, notices };
    return {
        config: {
            instanceType: instanceType,
            instanceCount: instanceCount,
            volumeSizeGb: volumeSizeGb,
            maxRuntimeSeconds: maxRuntimeSeconds,
            maxWaitSeconds: spot ? maxWaitSeconds : undefined,
            region: region,
            ecrRepository: ecrRepository,
            s3Bucket: s3Bucket,
            s3Prefix,
            spot,
            roleArn: roleArn,
            tags,
            channels,
            environment,
            checkpointS3Uri,
            vpc,
            kmsKeyId,
            metricDefinitions
        },
        problems,
        notices
    };
}
function section(root, key) {
    const node = root.entries.get(key);
    return node?.kind === 'map' ? node : undefined;
}
function checkKeys(map, allowed, bad) {
    for (const [key, node] of map.entries) {
        if (allowed.includes(key))
            continue;
        const guess = didYouMean(key, allowed);
        bad(node, `unknown key '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}; allowed: ${allowed.join(', ')}`);
    }
}
/** Typed getters that report instead of throwing, so every problem is collected. */
class Reader {
    bad;
    constructor(bad) {
        this.bad = bad;
    }
    missing(node, need) {
        const absent = node === undefined || (node.kind === 'scalar' && node.value === null);
        if (absent && need)
            this.bad({ at: need.parent.at, path: need.required }, 'is required');
        return absent;
    }
    string(node, need) {
        if (this.missing(node, need))
            return undefined;
        if (node.kind !== 'scalar') {
            this.bad(node, 'must be a single value, not a list or mapping');
            return undefined;
        }
        const text = typeof node.value === 'string' ? node.value : node.source;
        if (text.trim() === '') {
            this.bad(node, 'must not be empty');
            return undefined;
        }
        return text;
    }
    int(node, fallback, min, max) {
        if (this.missing(node))
            return fallback;
        const value = node.kind === 'scalar' ? node.value : undefined;
        const n = typeof value === 'bigint' ? Number(value) : value;
        const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < min || (max !== undefined && n > max)) {
            this.bad(node, `must be a whole number ${range} (got ${node.kind === 'scalar' ? `'${node.source}'` : node.kind})`);
            return undefined;
        }
        return n;
    }
    bool(node, fallback) {
        if (this.missing(node))
            return fallback;
        if (node.kind !== 'scalar' || typeof node.value !== 'boolean') {
            this.bad(node, `must be true or false (got '${node.kind === 'scalar' ? node.source : node.kind}')`);
            return fallback;
        }
        return node.value;
    }
    stringMap(node) {
        const out = {};
        if (this.missing(node))
            return out;
        if (node.kind !== 'map') {
            this.bad(node, 'must be a mapping of names to values');
            return out;
        }
        for (const [key, value] of node.entries) {
            if (value.kind !== 'scalar') {
                this.bad(value, 'must be a single value');
                continue;
            }
            // The text as written: `1.0` stays `1.0`, `yes` stays `yes`, null becomes empty.
            out[key] = value.value === null ? '' : typeof value.value === 'string' ? value.value : value.source;
        }
        return out;
    }
    stringList(node, need) {
        if (this.missing(node, need))
            return undefined;
        if (node.kind === 'scalar')
            return [this.string(node) ?? ''];
        if (node.kind !== 'seq') {
            this.bad(node, 'must be a list');
            return undefined;
        }
        return node.items.map((item) => this.string(item) ?? '');
    }
}
function readChannels(node, r, bad) {
    const out = {};
    if (node === undefined || (node.kind === 'scalar' && node.value === null))
        return out;
    if (node.kind !== 'map') {
        bad(node, 'must map channel names to s3:// URIs, e.g. inputs: {train: s3://bucket/data/}');
        return out;
    }
    for (const [name, value] of node.entries) {
        const uri = value.kind === 'map'
            ? r.string(value.entries.get('uri'), { required: `${value.path}.uri`, parent: value })
            : r.string(value);
        if (value.kind === 'map') {
            for (const key of value.entries.keys()) {
                if (!CHANNEL_KEYS.includes(key)) {
                    const guess = didYouMean(key, CHANNEL_KEYS);
                    bad(value.entries.get(key), `unknown key '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}; allowed: ${CHANNEL_KEYS.join(', ')}`);
                }
            }
        }
        if (uri !== undefined && !S3_URI.test(uri))
            bad(value, `'${uri}' must be an s3:// URI`);
        if (uri === undefined)
            continue;
        const field = (key) => value.kind === 'map' ? r.string(value.entries.get(key)) : undefined;
        out[name] = {
            uri,
            distribution: field('distribution'),
            inputMode: field('input_mode'),
            contentType: field('content_type'),
            compression: field('compression')
        };
    }
    return out;
}
function readMetrics(node, r, bad) {
    if (node === undefined || (node.kind === 'scalar' && node.value === null))
        return [];
    if (node.kind !== 'seq') {
        bad(node, 'must be a list of {name, regex}');
        return [];
    }
    const out = [];
    for (const item of node.items) {
        if (item.kind !== 'map') {
            bad(item, 'must be a mapping with name and regex');
            continue;
        }
        for (const key of item.entries.keys()) {
            if (key !== 'name' && key !== 'regex')
                bad(item.entries.get(key), `unknown key '${key}'; allowed: name, regex`);
        }
        const name = r.string(item.entries.get('name'), { required: `${item.path}.name`, parent: item });
        const regex = r.string(item.entries.get('regex'), { required: `${item.path}.regex`, parent: item });
        if (regex !== undefined) {
            try {
                new RegExp(regex);
            }
            catch {
                bad(item.entries.get('regex'), `'${regex}' is not a valid regular expression`);
            }
        }
        if (name !== undefined && regex !== undefined)
            out.push({ name, regex });
    }
    return out;
}

// EXTERNAL MODULE: ./src/naming.ts
var naming = __webpack_require__(8499);
;// CONCATENATED MODULE: ./src/shell-words.ts
/**
 * Splits the `command` input into words the way a POSIX shell would for quoting,
 * without running a shell: no expansion, no globbing, no operators.
 */
function splitWords(text) {
    const words = [];
    let word = '';
    let inWord = false;
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        if (ch === "'") {
            const end = text.indexOf("'", i + 1);
            if (end < 0)
                throw new Error(`unterminated single quote at character ${i + 1}`);
            word += text.slice(i + 1, end);
            inWord = true;
            i = end + 1;
        }
        else if (ch === '"') {
            i++;
            inWord = true;
            for (;;) {
                if (i >= text.length)
                    throw new Error('unterminated double quote');
                const c = text[i];
                if (c === '"')
                    break;
                // Inside double quotes a backslash only escapes these characters.
                if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
                    if (text[i + 1] !== '\n')
                        word += text[i + 1];
                    i += 2;
                    continue;
                }
                word += c;
                i++;
            }
            i++;
        }
        else if (ch === '\\') {
            if (i + 1 >= text.length)
                throw new Error('the command ends with a lone backslash');
            if (text[i + 1] !== '\n') {
                word += text[i + 1];
                inWord = true;
            }
            i += 2;
        }
        else if (/\s/.test(ch)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
            i++;
        }
        else {
            word += ch;
            inWord = true;
            i++;
        }
    }
    if (inWord)
        words.push(word);
    return words;
}

;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * The one place that reads the action's inputs and config files. Everything is
 * checked here, before any side effect, and every problem is reported together.
 */












const IF_JOB_EXISTS = ['auto', 'attach', 'new', 'fail'];
const CACHE_MODES = ['registry', 'inline', 'none'];
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
const HYDRA_KEY = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/;
/** Collects problems while reading inputs; `where` is always `input <name>` or a file position. */
class InputReader {
    problems = [];
    text(name) {
        return runner/* getInput */.V4(name).trim();
    }
    lines(name) {
        return runner/* getInput */.V4(name)
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter((l) => l !== '');
    }
    bool(name, fallback) {
        const raw = this.text(name);
        if (raw === '')
            return fallback;
        if (/^(true|True|TRUE)$/.test(raw))
            return true;
        if (/^(false|False|FALSE)$/.test(raw))
            return false;
        this.problems.push({ where: `input ${name}`, message: `'${raw}' must be true or false` });
        return fallback;
    }
    int(name, fallback, min, max) {
        const raw = this.text(name);
        if (raw === '')
            return fallback;
        const n = Number(raw);
        if (!/^\d+$/.test(raw) || n < min || n > max) {
            this.problems.push({ where: `input ${name}`, message: `'${raw}' must be a whole number from ${min} to ${max}` });
            return fallback;
        }
        return n;
    }
    choice(name, allowed, fallback) {
        const raw = this.text(name);
        if (raw === '')
            return fallback;
        if (allowed.includes(raw))
            return raw;
        this.problems.push({ where: `input ${name}`, message: `'${raw}' must be one of ${allowed.join(', ')}` });
        return fallback;
    }
}
/** Reads a file inside the workspace; undefined when missing. Paths may not escape the checkout. */
function workspaceFile(workspace, path, input, problems) {
    const full = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.join)(workspace, path);
    if ((0,external_node_path_.relative)(workspace, (0,external_node_path_.normalize)(full)).startsWith('..')) {
        problems.push({ where: `input ${input}`, message: `'${path}' is outside the checkout (${workspace})` });
        return undefined;
    }
    return (0,external_node_fs_.existsSync)(full) && (0,external_node_fs_.statSync)(full).isFile() ? (0,external_node_fs_.readFileSync)(full, 'utf8') : undefined;
}
/** Reads and validates every input and both config files; throws ConfigError listing all problems. */
function readSettings(env = process.env) {
    const r = new InputReader();
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const notices = [];
    const jobConfigFile = r.text(constants/* Input */.pd.JobConfig) || 'deploy/sagemaker-job-config.yaml';
    // The runner always sets every input (defaults from action.yml); only a local run leaves one unset.
    const unset = (name) => env[`INPUT_${name.toUpperCase()}`] === undefined;
    const hydraConfigFile = unset(constants/* Input */.pd.HydraConfig) ? 'deploy/train-config.yaml' : r.text(constants/* Input */.pd.HydraConfig);
    const instanceCount = r.int(constants/* Input */.pd.InstanceCount, undefined, 1, 1000);
    const job = readJobConfig(workspaceFile(workspace, jobConfigFile, constants/* Input */.pd.JobConfig, r.problems), jobConfigFile, {
        region: r.text(constants/* Input */.pd.Region) || undefined,
        roleArn: r.text(constants/* Input */.pd.RoleArn) || undefined,
        ecrRepository: r.text(constants/* Input */.pd.EcrRepository) || undefined,
        instanceType: r.text(constants/* Input */.pd.InstanceType) || undefined,
        instanceCount
    }, env);
    r.problems.push(...job.problems);
    notices.push(...job.notices);
    if (job.config) {
        for (const v of validateShape(ECR_SHAPES, 'RepositoryName', job.config.ecrRepository)) {
            r.problems.push({
                where: r.text(constants/* Input */.pd.EcrRepository) ? `input ${constants/* Input */.pd.EcrRepository}` : `${jobConfigFile} aws.ecr_repository`,
                message: `${v.message}: ECR repository names are lowercase letters, digits and . _ - separators, with / between namespaces`
            });
        }
    }
    let hydra;
    if (hydraConfigFile !== '') {
        const text = workspaceFile(workspace, hydraConfigFile, constants/* Input */.pd.HydraConfig, r.problems);
        if (text === undefined) {
            r.problems.push({
                where: `input ${constants/* Input */.pd.HydraConfig}`,
                message: `${hydraConfigFile} does not exist in the checkout; point hydra-config at your Hydra config, or set it to '' if the training code takes none`
            });
        }
        else {
            try {
                hydra = loadHydraConfig(text, hydraConfigFile);
            }
            catch (error) {
                if (error instanceof errors/* ConfigError */.x)
                    r.problems.push(...error.problems);
                else
                    throw error;
            }
        }
    }
    let command = [];
    try {
        command = splitWords(runner/* getInput */.V4(constants/* Input */.pd.Command) || 'python train.py');
    }
    catch (error) {
        r.problems.push({ where: `input ${constants/* Input */.pd.Command}`, message: error.message });
    }
    const context = r.text(constants/* Input */.pd.Context) || 'src';
    const dockerfile = r.text(constants/* Input */.pd.Dockerfile) || (0,external_node_path_.join)(context, 'Dockerfile');
    const contextPath = (0,external_node_path_.join)(workspace, context);
    if (!(0,external_node_fs_.existsSync)(contextPath) || !(0,external_node_fs_.statSync)(contextPath).isDirectory()) {
        r.problems.push({
            where: `input ${constants/* Input */.pd.Context}`,
            message: `the build context '${context}' is not a directory in the checkout`
        });
    }
    if (workspaceFile(workspace, dockerfile, constants/* Input */.pd.Dockerfile, r.problems) === undefined) {
        r.problems.push({ where: `input ${constants/* Input */.pd.Dockerfile}`, message: `'${dockerfile}' does not exist in the checkout` });
    }
    const jobNameTemplate = r.text(constants/* Input */.pd.JobName) || '{short_sha}';
    const fields = (0,naming/* templateFields */.OT)(jobNameTemplate);
    if (fields.unknown.length > 0) {
        r.problems.push({
            where: `input ${constants/* Input */.pd.JobName}`,
            message: `unknown ${fields.unknown.join(', ')}; allowed: {short_sha}, {sha}, {branch}, {repo}, {run_attempt}`
        });
    }
    if (fields.literalsInvalid.length > 0) {
        r.problems.push({
            where: `input ${constants/* Input */.pd.JobName}`,
            message: `SageMaker job names allow only letters, digits and hyphens; '${jobNameTemplate}' has ${fields.literalsInvalid.map((c) => `'${c}'`).join(' ')}`
        });
    }
    if (!jobNameTemplate.includes('{short_sha}') && !jobNameTemplate.includes('{sha}')) {
        notices.push(`job-name '${jobNameTemplate}' does not contain {short_sha}: every commit will compete for the same job name`);
    }
    const experimentNameKey = unset(constants/* Input */.pd.ExperimentNameKey) ? 'experiment_name' : r.text(constants/* Input */.pd.ExperimentNameKey);
    if (experimentNameKey !== '' && !HYDRA_KEY.test(experimentNameKey)) {
        r.problems.push({
            where: `input ${constants/* Input */.pd.ExperimentNameKey}`,
            message: `'${experimentNameKey}' is not a Hydra config key (dotted identifiers like experiment_name or logging.run_name); use '' to disable`
        });
    }
    const platform = r.text(constants/* Input */.pd.Platform) || 'linux/amd64';
    for (const p of platform.split(',').map((s) => s.trim())) {
        if (!PLATFORM.test(p))
            r.problems.push({ where: `input ${constants/* Input */.pd.Platform}`, message: `'${p}' is not a platform like linux/amd64` });
    }
    const buildArgs = r.lines(constants/* Input */.pd.BuildArgs);
    r.problems.push(...(0,image_plan/* validateBuildArgs */.aG)(buildArgs, `input ${constants/* Input */.pd.BuildArgs}`));
    const waitTimeout = r.int(constants/* Input */.pd.WaitTimeoutMinutes, undefined, 1, 60 * 24 * 30);
    const settingsDraft = {
        workspace,
        jobConfigFile,
        hydraConfigFile,
        hydra,
        // Raw lines, blanks included, so messages name the line the user sees.
        overrides: runner/* getInput */.V4(constants/* Input */.pd.Overrides)
            .split(/\r?\n/)
            .map((line) => line.trim()),
        command,
        context,
        dockerfile,
        shaInput: r.text(constants/* Input */.pd.Sha),
        shortShaLength: r.int(constants/* Input */.pd.ShortShaLength, 7, 4, 40),
        jobNameTemplate,
        experimentNameKey,
        dryRun: r.bool(constants/* Input */.pd.DryRun, false),
        wait: r.bool(constants/* Input */.pd.Wait, false),
        waitTimeoutMinutes: waitTimeout,
        pollIntervalSeconds: r.int(constants/* Input */.pd.PollIntervalSeconds, 30, 1, 3600),
        stopOnCancel: r.bool(constants/* Input */.pd.StopOnCancel, true),
        ifJobExists: r.choice(constants/* Input */.pd.IfJobExists, IF_JOB_EXISTS, 'auto'),
        skipExistingImage: r.bool(constants/* Input */.pd.SkipExistingImage, true),
        createRepository: r.bool(constants/* Input */.pd.CreateRepository, true),
        pushLatest: r.bool(constants/* Input */.pd.PushLatest, true),
        platform,
        buildArgs,
        cache: r.choice(constants/* Input */.pd.Cache, CACHE_MODES, 'registry')
    };
    if (settingsDraft.waitTimeoutMinutes !== undefined && !settingsDraft.wait) {
        notices.push('wait-timeout-minutes has no effect without wait: true');
    }
    if (r.problems.length > 0 || !job.config)
        throw new errors/* ConfigError */.x(r.problems);
    return { settings: { ...settingsDraft, config: job.config }, notices };
}

// EXTERNAL MODULE: ./src/job-urls.ts
var job_urls = __webpack_require__(2983);
;// CONCATENATED MODULE: ./src/generated/sagemaker-shapes.ts
const SAGEMAKER_SHAPES = { "AcceptEula": { "type": "boolean" }, "AlgorithmImage": { "type": "string", "min": 0, "max": 255, "pattern": ".*" }, "AlgorithmSpecification": { "type": "structure", "required": ["TrainingInputMode"], "members": { "TrainingImage": { "shape": "AlgorithmImage" }, "AlgorithmName": { "shape": "ArnOrName" }, "TrainingInputMode": { "shape": "TrainingInputMode" }, "MetricDefinitions": { "shape": "MetricDefinitionList" }, "EnableSageMakerMetricsTimeSeries": { "shape": "Boolean" }, "ContainerEntrypoint": { "shape": "TrainingContainerEntrypoint" }, "ContainerArguments": { "shape": "TrainingContainerArguments" }, "TrainingImageConfig": { "shape": "TrainingImageConfig" } } }, "ArnOrName": { "type": "string", "min": 1, "max": 170, "pattern": "(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z\\-]*\\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)" }, "AttributeName": { "type": "string", "min": 1, "max": 256, "pattern": ".+" }, "AttributeNames": { "type": "list", "min": 0, "max": 16, "member": { "shape": "AttributeName" } }, "Boolean": { "type": "boolean" }, "Channel": { "type": "structure", "required": ["ChannelName", "DataSource"], "members": { "ChannelName": { "shape": "ChannelName" }, "DataSource": { "shape": "DataSource" }, "ContentType": { "shape": "ContentType" }, "CompressionType": { "shape": "CompressionType" }, "RecordWrapperType": { "shape": "RecordWrapper" }, "InputMode": { "shape": "TrainingInputMode" }, "ShuffleConfig": { "shape": "ShuffleConfig" } } }, "ChannelName": { "type": "string", "min": 1, "max": 64, "pattern": "[A-Za-z0-9\\.\\-_]+" }, "CheckpointConfig": { "type": "structure", "required": ["S3Uri"], "members": { "S3Uri": { "shape": "S3Uri" }, "LocalPath": { "shape": "DirectoryPath" } } }, "CollectionConfiguration": { "type": "structure", "members": { "CollectionName": { "shape": "CollectionName" }, "CollectionParameters": { "shape": "CollectionParameters" } } }, "CollectionConfigurations": { "type": "list", "min": 0, "max": 20, "member": { "shape": "CollectionConfiguration" } }, "CollectionName": { "type": "string", "min": 1, "max": 256, "pattern": ".*" }, "CollectionParameters": { "type": "map", "min": 0, "max": 20, "key": { "shape": "ConfigKey" }, "value": { "shape": "ConfigValue" } }, "CompressionType": { "type": "string", "enum": ["None", "Gzip"] }, "ConfigKey": { "type": "string", "min": 1, "max": 256, "pattern": ".*" }, "ConfigValue": { "type": "string", "min": 0, "max": 256, "pattern": ".*" }, "ContentType": { "type": "string", "min": 0, "max": 256, "pattern": ".*" }, "CreateTrainingJobRequest": { "type": "structure", "required": ["TrainingJobName", "RoleArn", "OutputDataConfig"], "members": { "TrainingJobName": { "shape": "TrainingJobName" }, "HyperParameters": { "shape": "HyperParameters" }, "AlgorithmSpecification": { "shape": "AlgorithmSpecification" }, "RoleArn": { "shape": "RoleArn" }, "InputDataConfig": { "shape": "InputDataConfig" }, "OutputDataConfig": { "shape": "OutputDataConfig" }, "ResourceConfig": { "shape": "ResourceConfig" }, "VpcConfig": { "shape": "VpcConfig" }, "StoppingCondition": { "shape": "StoppingCondition" }, "Tags": { "shape": "TagList" }, "EnableNetworkIsolation": { "shape": "Boolean" }, "EnableInterContainerTrafficEncryption": { "shape": "Boolean" }, "EnableManagedSpotTraining": { "shape": "Boolean" }, "CheckpointConfig": { "shape": "CheckpointConfig" }, "DebugHookConfig": { "shape": "DebugHookConfig" }, "DebugRuleConfigurations": { "shape": "DebugRuleConfigurations" }, "TensorBoardOutputConfig": { "shape": "TensorBoardOutputConfig" }, "ExperimentConfig": { "shape": "ExperimentConfig" }, "ProfilerConfig": { "shape": "ProfilerConfig" }, "ProfilerRuleConfigurations": { "shape": "ProfilerRuleConfigurations" }, "Environment": { "shape": "TrainingEnvironmentMap" }, "RetryStrategy": { "shape": "RetryStrategy" }, "RemoteDebugConfig": { "shape": "RemoteDebugConfig" }, "InfraCheckConfig": { "shape": "InfraCheckConfig" }, "SessionChainingConfig": { "shape": "SessionChainingConfig" }, "ServerlessJobConfig": { "shape": "ServerlessJobConfig" }, "MlflowConfig": { "shape": "MlflowConfig" }, "ModelPackageConfig": { "shape": "ModelPackageConfig" } } }, "CustomizationTechnique": { "type": "string", "enum": ["SFT", "DPO", "RLVR", "RLAIF"] }, "DataSource": { "type": "structure", "members": { "S3DataSource": { "shape": "S3DataSource" }, "FileSystemDataSource": { "shape": "FileSystemDataSource" }, "DatasetSource": { "shape": "DatasetSource" } } }, "DatasetSource": { "type": "structure", "required": ["DatasetArn"], "members": { "DatasetArn": { "shape": "HubDataSetArn" } } }, "DebugHookConfig": { "type": "structure", "required": ["S3OutputPath"], "members": { "LocalPath": { "shape": "DirectoryPath" }, "S3OutputPath": { "shape": "S3Uri" }, "HookParameters": { "shape": "HookParameters" }, "CollectionConfigurations": { "shape": "CollectionConfigurations" } } }, "DebugRuleConfiguration": { "type": "structure", "required": ["RuleConfigurationName", "RuleEvaluatorImage"], "members": { "RuleConfigurationName": { "shape": "RuleConfigurationName" }, "LocalPath": { "shape": "DirectoryPath" }, "S3OutputPath": { "shape": "S3Uri" }, "RuleEvaluatorImage": { "shape": "AlgorithmImage" }, "InstanceType": { "shape": "ProcessingInstanceType" }, "VolumeSizeInGB": { "shape": "OptionalVolumeSizeInGB" }, "RuleParameters": { "shape": "RuleParameters" } } }, "DebugRuleConfigurations": { "type": "list", "min": 0, "max": 20, "member": { "shape": "DebugRuleConfiguration" } }, "DirectoryPath": { "type": "string", "min": 0, "max": 4096, "pattern": ".*" }, "DisableProfiler": { "type": "boolean" }, "EnableInfraCheck": { "type": "boolean" }, "EnableRemoteDebug": { "type": "boolean" }, "EnableSessionTagChaining": { "type": "boolean" }, "EvaluationType": { "type": "string", "enum": ["LLMAJEvaluation", "CustomScorerEvaluation", "BenchmarkEvaluation"] }, "EvaluatorArn": { "type": "string", "pattern": ".*" }, "ExperimentConfig": { "type": "structure", "members": { "ExperimentName": { "shape": "ExperimentEntityName" }, "TrialName": { "shape": "ExperimentEntityName" }, "TrialComponentDisplayName": { "shape": "ExperimentEntityName" }, "RunName": { "shape": "ExperimentEntityName" } } }, "ExperimentEntityName": { "type": "string", "min": 1, "max": 120, "pattern": "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}" }, "FileSystemAccessMode": { "type": "string", "enum": ["rw", "ro"] }, "FileSystemDataSource": { "type": "structure", "required": ["FileSystemId", "FileSystemAccessMode", "FileSystemType", "DirectoryPath"], "members": { "FileSystemId": { "shape": "FileSystemId" }, "FileSystemAccessMode": { "shape": "FileSystemAccessMode" }, "FileSystemType": { "shape": "FileSystemType" }, "DirectoryPath": { "shape": "DirectoryPath" } } }, "FileSystemId": { "type": "string", "min": 11, "max": 21, "pattern": "(fs-[0-9a-f]{8,})" }, "FileSystemType": { "type": "string", "enum": ["EFS", "FSxLustre"] }, "HookParameters": { "type": "map", "min": 0, "max": 20, "key": { "shape": "ConfigKey" }, "value": { "shape": "ConfigValue" } }, "HubAccessConfig": { "type": "structure", "required": ["HubContentArn"], "members": { "HubContentArn": { "shape": "HubContentArn" } } }, "HubContentArn": { "type": "string", "min": 0, "max": 255, "pattern": ".*" }, "HubDataSetArn": { "type": "string", "min": 0, "max": 2048, "pattern": "(arn:[a-z0-9-\\.]{1,63}:sagemaker:\\w+(?:-\\w+)+:(\\d{12}|aws):hub-content\\/)[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}\\/DataSet\\/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}(\\/\\d{1,4}.\\d{1,4}.\\d{1,4})?" }, "HyperParameterKey": { "type": "string", "min": 0, "max": 256, "pattern": ".*" }, "HyperParameterValue": { "type": "string", "min": 0, "max": 2500, "pattern": ".*" }, "HyperParameters": { "type": "map", "min": 0, "max": 100, "key": { "shape": "HyperParameterKey" }, "value": { "shape": "HyperParameterValue" } }, "InfraCheckConfig": { "type": "structure", "members": { "EnableInfraCheck": { "shape": "EnableInfraCheck" } } }, "InputDataConfig": { "type": "list", "min": 1, "max": 20, "member": { "shape": "Channel" } }, "InstanceGroup": { "type": "structure", "required": ["InstanceType", "InstanceCount", "InstanceGroupName"], "members": { "InstanceType": { "shape": "TrainingInstanceType" }, "InstanceCount": { "shape": "TrainingInstanceCount" }, "InstanceGroupName": { "shape": "InstanceGroupName" } } }, "InstanceGroupName": { "type": "string", "min": 1, "max": 64, "pattern": ".+" }, "InstanceGroupNames": { "type": "list", "min": 0, "max": 5, "member": { "shape": "InstanceGroupName" } }, "InstanceGroups": { "type": "list", "min": 0, "max": 5, "member": { "shape": "InstanceGroup" } }, "InstancePlacementConfig": { "type": "structure", "members": { "EnableMultipleJobs": { "shape": "Boolean" }, "PlacementSpecifications": { "shape": "PlacementSpecifications" } } }, "KeepAlivePeriodInSeconds": { "type": "integer", "min": 0, "max": 21600 }, "KmsKeyId": { "type": "string", "min": 0, "max": 2048, "pattern": "[a-zA-Z0-9:/_-]*" }, "MaxPendingTimeInSeconds": { "type": "integer", "min": 7200, "max": 2419200 }, "MaxRuntimeInSeconds": { "type": "integer", "min": 1 }, "MaxWaitTimeInSeconds": { "type": "integer", "min": 1 }, "MaximumRetryAttempts": { "type": "integer", "min": 1, "max": 30 }, "MetricDefinition": { "type": "structure", "required": ["Name", "Regex"], "members": { "Name": { "shape": "MetricName" }, "Regex": { "shape": "MetricRegex" } } }, "MetricDefinitionList": { "type": "list", "min": 0, "max": 40, "member": { "shape": "MetricDefinition" } }, "MetricName": { "type": "string", "min": 1, "max": 255, "pattern": ".+" }, "MetricRegex": { "type": "string", "min": 1, "max": 500, "pattern": ".+" }, "MlFlowResourceArn": { "type": "string", "min": 0, "max": 2048, "pattern": "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:mlflow-[a-zA-Z-]*/.*" }, "MlflowConfig": { "type": "structure", "required": ["MlflowResourceArn"], "members": { "MlflowResourceArn": { "shape": "MlFlowResourceArn" }, "MlflowExperimentName": { "shape": "MlflowExperimentName" }, "MlflowRunName": { "shape": "MlflowRunName" } } }, "MlflowExperimentName": { "type": "string", "min": 1, "max": 256, "pattern": ".*" }, "MlflowRunName": { "type": "string", "min": 1, "max": 256, "pattern": ".*" }, "ModelAccessConfig": { "type": "structure", "required": ["AcceptEula"], "members": { "AcceptEula": { "shape": "AcceptEula" } } }, "ModelPackageArn": { "type": "string", "min": 1, "max": 2048, "pattern": "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]{9,16}:[0-9]{12}:model-package/[\\S]{1,2048}" }, "ModelPackageConfig": { "type": "structure", "required": ["ModelPackageGroupArn"], "members": { "ModelPackageGroupArn": { "shape": "ModelPackageGroupArn" }, "SourceModelPackageArn": { "shape": "ModelPackageArn" } } }, "ModelPackageGroupArn": { "type": "string", "min": 1, "max": 2048, "pattern": "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]{9,16}:[0-9]{12}:model-package-group/[\\S]{1,2048}" }, "OptionalVolumeSizeInGB": { "type": "integer", "min": 0 }, "OutputCompressionType": { "type": "string", "enum": ["GZIP", "NONE"] }, "OutputDataConfig": { "type": "structure", "required": ["S3OutputPath"], "members": { "KmsKeyId": { "shape": "KmsKeyId" }, "S3OutputPath": { "shape": "S3Uri" }, "CompressionType": { "shape": "OutputCompressionType" } } }, "Peft": { "type": "string", "enum": ["LORA"] }, "PlacementSpecification": { "type": "structure", "required": ["InstanceCount"], "members": { "UltraServerId": { "shape": "String256" }, "InstanceCount": { "shape": "TrainingInstanceCount" } } }, "PlacementSpecifications": { "type": "list", "min": 0, "max": 10, "member": { "shape": "PlacementSpecification" } }, "ProcessingInstanceType": { "type": "string", "enum": ["ml.t3.medium", "ml.t3.large", "ml.t3.xlarge", "ml.t3.2xlarge", "ml.m4.xlarge", "ml.m4.2xlarge", "ml.m4.4xlarge", "ml.m4.10xlarge", "ml.m4.16xlarge", "ml.c4.xlarge", "ml.c4.2xlarge", "ml.c4.4xlarge", "ml.c4.8xlarge", "ml.p2.xlarge", "ml.p2.8xlarge", "ml.p2.16xlarge", "ml.p3.2xlarge", "ml.p3.8xlarge", "ml.p3.16xlarge", "ml.c5.xlarge", "ml.c5.2xlarge", "ml.c5.4xlarge", "ml.c5.9xlarge", "ml.c5.18xlarge", "ml.m5.large", "ml.m5.xlarge", "ml.m5.2xlarge", "ml.m5.4xlarge", "ml.m5.12xlarge", "ml.m5.24xlarge", "ml.r5.large", "ml.r5.xlarge", "ml.r5.2xlarge", "ml.r5.4xlarge", "ml.r5.8xlarge", "ml.r5.12xlarge", "ml.r5.16xlarge", "ml.r5.24xlarge", "ml.g4dn.xlarge", "ml.g4dn.2xlarge", "ml.g4dn.4xlarge", "ml.g4dn.8xlarge", "ml.g4dn.12xlarge", "ml.g4dn.16xlarge", "ml.g5.xlarge", "ml.g5.2xlarge", "ml.g5.4xlarge", "ml.g5.8xlarge", "ml.g5.16xlarge", "ml.g5.12xlarge", "ml.g5.24xlarge", "ml.g5.48xlarge", "ml.r5d.large", "ml.r5d.xlarge", "ml.r5d.2xlarge", "ml.r5d.4xlarge", "ml.r5d.8xlarge", "ml.r5d.12xlarge", "ml.r5d.16xlarge", "ml.r5d.24xlarge", "ml.g6.xlarge", "ml.g6.2xlarge", "ml.g6.4xlarge", "ml.g6.8xlarge", "ml.g6.12xlarge", "ml.g6.16xlarge", "ml.g6.24xlarge", "ml.g6.48xlarge", "ml.g6e.xlarge", "ml.g6e.2xlarge", "ml.g6e.4xlarge", "ml.g6e.8xlarge", "ml.g6e.12xlarge", "ml.g6e.16xlarge", "ml.g6e.24xlarge", "ml.g6e.48xlarge", "ml.m6i.large", "ml.m6i.xlarge", "ml.m6i.2xlarge", "ml.m6i.4xlarge", "ml.m6i.8xlarge", "ml.m6i.12xlarge", "ml.m6i.16xlarge", "ml.m6i.24xlarge", "ml.m6i.32xlarge", "ml.c6i.xlarge", "ml.c6i.2xlarge", "ml.c6i.4xlarge", "ml.c6i.8xlarge", "ml.c6i.12xlarge", "ml.c6i.16xlarge", "ml.c6i.24xlarge", "ml.c6i.32xlarge", "ml.m7i.large", "ml.m7i.xlarge", "ml.m7i.2xlarge", "ml.m7i.4xlarge", "ml.m7i.8xlarge", "ml.m7i.12xlarge", "ml.m7i.16xlarge", "ml.m7i.24xlarge", "ml.m7i.48xlarge", "ml.c7i.large", "ml.c7i.xlarge", "ml.c7i.2xlarge", "ml.c7i.4xlarge", "ml.c7i.8xlarge", "ml.c7i.12xlarge", "ml.c7i.16xlarge", "ml.c7i.24xlarge", "ml.c7i.48xlarge", "ml.r7i.large", "ml.r7i.xlarge", "ml.r7i.2xlarge", "ml.r7i.4xlarge", "ml.r7i.8xlarge", "ml.r7i.12xlarge", "ml.r7i.16xlarge", "ml.r7i.24xlarge", "ml.r7i.48xlarge", "ml.p5.4xlarge", "ml.g7e.2xlarge", "ml.g7e.4xlarge", "ml.g7e.8xlarge", "ml.g7e.12xlarge", "ml.g7e.24xlarge", "ml.g7e.48xlarge", "ml.g7.2xlarge", "ml.g7.4xlarge", "ml.g7.8xlarge", "ml.g7.12xlarge", "ml.g7.24xlarge", "ml.g7.48xlarge"] }, "ProfilerConfig": { "type": "structure", "members": { "S3OutputPath": { "shape": "S3Uri" }, "ProfilingIntervalInMilliseconds": { "shape": "ProfilingIntervalInMilliseconds" }, "ProfilingParameters": { "shape": "ProfilingParameters" }, "DisableProfiler": { "shape": "DisableProfiler" } } }, "ProfilerRuleConfiguration": { "type": "structure", "required": ["RuleConfigurationName", "RuleEvaluatorImage"], "members": { "RuleConfigurationName": { "shape": "RuleConfigurationName" }, "LocalPath": { "shape": "DirectoryPath" }, "S3OutputPath": { "shape": "S3Uri" }, "RuleEvaluatorImage": { "shape": "AlgorithmImage" }, "InstanceType": { "shape": "ProcessingInstanceType" }, "VolumeSizeInGB": { "shape": "OptionalVolumeSizeInGB" }, "RuleParameters": { "shape": "RuleParameters" } } }, "ProfilerRuleConfigurations": { "type": "list", "min": 0, "max": 20, "member": { "shape": "ProfilerRuleConfiguration" } }, "ProfilingIntervalInMilliseconds": { "type": "long" }, "ProfilingParameters": { "type": "map", "min": 0, "max": 20, "key": { "shape": "ConfigKey" }, "value": { "shape": "ConfigValue" } }, "RecordWrapper": { "type": "string", "enum": ["None", "RecordIO"] }, "RemoteDebugConfig": { "type": "structure", "members": { "EnableRemoteDebug": { "shape": "EnableRemoteDebug" } } }, "ResourceConfig": { "type": "structure", "members": { "InstanceType": { "shape": "TrainingInstanceType" }, "InstanceCount": { "shape": "TrainingInstanceCount" }, "VolumeSizeInGB": { "shape": "OptionalVolumeSizeInGB" }, "VolumeKmsKeyId": { "shape": "KmsKeyId" }, "KeepAlivePeriodInSeconds": { "shape": "KeepAlivePeriodInSeconds" }, "InstanceGroups": { "shape": "InstanceGroups" }, "TrainingPlanArn": { "shape": "TrainingPlanArn" }, "InstancePlacementConfig": { "shape": "InstancePlacementConfig" } } }, "RetryStrategy": { "type": "structure", "required": ["MaximumRetryAttempts"], "members": { "MaximumRetryAttempts": { "shape": "MaximumRetryAttempts" } } }, "RoleArn": { "type": "string", "min": 20, "max": 2048, "pattern": "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+" }, "RuleConfigurationName": { "type": "string", "min": 1, "max": 256, "pattern": ".*" }, "RuleParameters": { "type": "map", "min": 0, "max": 100, "key": { "shape": "ConfigKey" }, "value": { "shape": "ConfigValue" } }, "S3DataDistribution": { "type": "string", "enum": ["FullyReplicated", "ShardedByS3Key"] }, "S3DataSource": { "type": "structure", "required": ["S3DataType", "S3Uri"], "members": { "S3DataType": { "shape": "S3DataType" }, "S3Uri": { "shape": "S3Uri" }, "S3DataDistributionType": { "shape": "S3DataDistribution" }, "AttributeNames": { "shape": "AttributeNames" }, "InstanceGroupNames": { "shape": "InstanceGroupNames" }, "ModelAccessConfig": { "shape": "ModelAccessConfig" }, "HubAccessConfig": { "shape": "HubAccessConfig" } } }, "S3DataType": { "type": "string", "enum": ["ManifestFile", "S3Prefix", "AugmentedManifestFile", "Converse"] }, "S3Uri": { "type": "string", "min": 0, "max": 1024, "pattern": "(https|s3)://([^/]+)/?(.*)" }, "SecurityGroupId": { "type": "string", "min": 0, "max": 32, "pattern": "[-0-9a-zA-Z]+" }, "Seed": { "type": "long" }, "SequenceLength": { "type": "string", "min": 1, "max": 50, "pattern": "\\d+K" }, "ServerlessJobBaseModelArn": { "type": "string", "min": 1, "max": 2048, "pattern": "(arn:[a-z0-9-\\.]{1,63}:sagemaker:\\w+(?:-\\w+)+:(\\d{12}|aws):hub-content\\/)[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}\\/Model\\/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}(\\/\\d{1,4}.\\d{1,4}.\\d{1,4})?" }, "ServerlessJobConfig": { "type": "structure", "required": ["BaseModelArn", "JobType"], "members": { "BaseModelArn": { "shape": "ServerlessJobBaseModelArn" }, "AcceptEula": { "shape": "AcceptEula" }, "JobType": { "shape": "ServerlessJobType" }, "CustomizationTechnique": { "shape": "CustomizationTechnique" }, "Peft": { "shape": "Peft" }, "EvaluationType": { "shape": "EvaluationType" }, "EvaluatorArn": { "shape": "EvaluatorArn" }, "SequenceLength": { "shape": "SequenceLength" } } }, "ServerlessJobType": { "type": "string", "enum": ["FineTuning", "Evaluation"] }, "SessionChainingConfig": { "type": "structure", "members": { "EnableSessionTagChaining": { "shape": "EnableSessionTagChaining" } } }, "ShuffleConfig": { "type": "structure", "required": ["Seed"], "members": { "Seed": { "shape": "Seed" } } }, "StoppingCondition": { "type": "structure", "members": { "MaxRuntimeInSeconds": { "shape": "MaxRuntimeInSeconds" }, "MaxWaitTimeInSeconds": { "shape": "MaxWaitTimeInSeconds" }, "MaxPendingTimeInSeconds": { "shape": "MaxPendingTimeInSeconds" } } }, "String256": { "type": "string", "min": 0, "max": 256 }, "SubnetId": { "type": "string", "min": 0, "max": 32, "pattern": "[-0-9a-zA-Z]+" }, "Subnets": { "type": "list", "min": 1, "max": 16, "member": { "shape": "SubnetId" } }, "Tag": { "type": "structure", "required": ["Key", "Value"], "members": { "Key": { "shape": "TagKey" }, "Value": { "shape": "TagValue" } } }, "TagKey": { "type": "string", "min": 1, "max": 128, "pattern": "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)" }, "TagList": { "type": "list", "min": 0, "max": 50, "member": { "shape": "Tag" } }, "TagValue": { "type": "string", "min": 0, "max": 256, "pattern": "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)" }, "TensorBoardOutputConfig": { "type": "structure", "required": ["S3OutputPath"], "members": { "LocalPath": { "shape": "DirectoryPath" }, "S3OutputPath": { "shape": "S3Uri" } } }, "TrainingContainerArgument": { "type": "string", "min": 0, "max": 256, "pattern": ".*" }, "TrainingContainerArguments": { "type": "list", "min": 1, "max": 100, "member": { "shape": "TrainingContainerArgument" } }, "TrainingContainerEntrypoint": { "type": "list", "min": 1, "max": 100, "member": { "shape": "TrainingContainerEntrypointString" } }, "TrainingContainerEntrypointString": { "type": "string", "min": 0, "max": 256, "pattern": ".*" }, "TrainingEnvironmentKey": { "type": "string", "min": 0, "max": 512, "pattern": "[a-zA-Z_][a-zA-Z0-9_]*" }, "TrainingEnvironmentMap": { "type": "map", "min": 0, "max": 100, "key": { "shape": "TrainingEnvironmentKey" }, "value": { "shape": "TrainingEnvironmentValue" } }, "TrainingEnvironmentValue": { "type": "string", "min": 0, "max": 512, "pattern": "[\\S\\s]*" }, "TrainingImageConfig": { "type": "structure", "required": ["TrainingRepositoryAccessMode"], "members": { "TrainingRepositoryAccessMode": { "shape": "TrainingRepositoryAccessMode" }, "TrainingRepositoryAuthConfig": { "shape": "TrainingRepositoryAuthConfig" } } }, "TrainingInputMode": { "type": "string", "enum": ["Pipe", "File", "FastFile"] }, "TrainingInstanceCount": { "type": "integer", "min": 0 }, "TrainingInstanceType": { "type": "string", "enum": ["ml.m4.xlarge", "ml.m4.2xlarge", "ml.m4.4xlarge", "ml.m4.10xlarge", "ml.m4.16xlarge", "ml.g4dn.xlarge", "ml.g4dn.2xlarge", "ml.g4dn.4xlarge", "ml.g4dn.8xlarge", "ml.g4dn.12xlarge", "ml.g4dn.16xlarge", "ml.m5.large", "ml.m5.xlarge", "ml.m5.2xlarge", "ml.m5.4xlarge", "ml.m5.12xlarge", "ml.m5.24xlarge", "ml.c4.xlarge", "ml.c4.2xlarge", "ml.c4.4xlarge", "ml.c4.8xlarge", "ml.p2.xlarge", "ml.p2.8xlarge", "ml.p2.16xlarge", "ml.p3.2xlarge", "ml.p3.8xlarge", "ml.p3.16xlarge", "ml.p3dn.24xlarge", "ml.p4d.24xlarge", "ml.p4de.24xlarge", "ml.p5.48xlarge", "ml.p5e.48xlarge", "ml.p5en.48xlarge", "ml.c5.xlarge", "ml.c5.2xlarge", "ml.c5.4xlarge", "ml.c5.9xlarge", "ml.c5.18xlarge", "ml.c5n.xlarge", "ml.c5n.2xlarge", "ml.c5n.4xlarge", "ml.c5n.9xlarge", "ml.c5n.18xlarge", "ml.g5.xlarge", "ml.g5.2xlarge", "ml.g5.4xlarge", "ml.g5.8xlarge", "ml.g5.16xlarge", "ml.g5.12xlarge", "ml.g5.24xlarge", "ml.g5.48xlarge", "ml.g6.xlarge", "ml.g6.2xlarge", "ml.g6.4xlarge", "ml.g6.8xlarge", "ml.g6.16xlarge", "ml.g6.12xlarge", "ml.g6.24xlarge", "ml.g6.48xlarge", "ml.g6e.xlarge", "ml.g6e.2xlarge", "ml.g6e.4xlarge", "ml.g6e.8xlarge", "ml.g6e.16xlarge", "ml.g6e.12xlarge", "ml.g6e.24xlarge", "ml.g6e.48xlarge", "ml.trn1.2xlarge", "ml.trn1.32xlarge", "ml.trn1n.32xlarge", "ml.trn2.48xlarge", "ml.m6i.large", "ml.m6i.xlarge", "ml.m6i.2xlarge", "ml.m6i.4xlarge", "ml.m6i.8xlarge", "ml.m6i.12xlarge", "ml.m6i.16xlarge", "ml.m6i.24xlarge", "ml.m6i.32xlarge", "ml.c6i.xlarge", "ml.c6i.2xlarge", "ml.c6i.8xlarge", "ml.c6i.4xlarge", "ml.c6i.12xlarge", "ml.c6i.16xlarge", "ml.c6i.24xlarge", "ml.c6i.32xlarge", "ml.r5d.large", "ml.r5d.xlarge", "ml.r5d.2xlarge", "ml.r5d.4xlarge", "ml.r5d.8xlarge", "ml.r5d.12xlarge", "ml.r5d.16xlarge", "ml.r5d.24xlarge", "ml.t3.medium", "ml.t3.large", "ml.t3.xlarge", "ml.t3.2xlarge", "ml.r5.large", "ml.r5.xlarge", "ml.r5.2xlarge", "ml.r5.4xlarge", "ml.r5.8xlarge", "ml.r5.12xlarge", "ml.r5.16xlarge", "ml.r5.24xlarge", "ml.p6-b200.48xlarge", "ml.m7i.large", "ml.m7i.xlarge", "ml.m7i.2xlarge", "ml.m7i.4xlarge", "ml.m7i.8xlarge", "ml.m7i.12xlarge", "ml.m7i.16xlarge", "ml.m7i.24xlarge", "ml.m7i.48xlarge", "ml.c7i.large", "ml.c7i.xlarge", "ml.c7i.2xlarge", "ml.c7i.4xlarge", "ml.c7i.8xlarge", "ml.c7i.12xlarge", "ml.c7i.16xlarge", "ml.c7i.24xlarge", "ml.c7i.48xlarge", "ml.r7i.large", "ml.r7i.xlarge", "ml.r7i.2xlarge", "ml.r7i.4xlarge", "ml.r7i.8xlarge", "ml.r7i.12xlarge", "ml.r7i.16xlarge", "ml.r7i.24xlarge", "ml.r7i.48xlarge", "ml.p6e-gb200.36xlarge", "ml.p5.4xlarge", "ml.p6-b300.48xlarge", "ml.g7e.2xlarge", "ml.g7e.4xlarge", "ml.g7e.8xlarge", "ml.g7e.12xlarge", "ml.g7e.24xlarge", "ml.g7e.48xlarge", "ml.g7.2xlarge", "ml.g7.4xlarge", "ml.g7.8xlarge", "ml.g7.12xlarge", "ml.g7.24xlarge", "ml.g7.48xlarge"] }, "TrainingJobName": { "type": "string", "min": 1, "max": 63, "pattern": "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}" }, "TrainingPlanArn": { "type": "string", "min": 50, "max": 2048, "pattern": "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:training-plan/.*" }, "TrainingRepositoryAccessMode": { "type": "string", "enum": ["Platform", "Vpc"] }, "TrainingRepositoryAuthConfig": { "type": "structure", "required": ["TrainingRepositoryCredentialsProviderArn"], "members": { "TrainingRepositoryCredentialsProviderArn": { "shape": "TrainingRepositoryCredentialsProviderArn" } } }, "TrainingRepositoryCredentialsProviderArn": { "type": "string", "min": 1, "max": 2048, "pattern": "arn:[\\p{Alnum}\\-]+:lambda:[\\p{Alnum}\\-]+:[0-9]{12}:function:.*" }, "VpcConfig": { "type": "structure", "required": ["SecurityGroupIds", "Subnets"], "members": { "SecurityGroupIds": { "shape": "VpcSecurityGroupIds" }, "Subnets": { "shape": "Subnets" } } }, "VpcSecurityGroupIds": { "type": "list", "min": 1, "max": 5, "member": { "shape": "SecurityGroupId" } } };

;// CONCATENATED MODULE: ./src/request.ts



const MAX_TAGS = 50;
const TAG_CHARS = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;
/** Lineage as `train-on-push:*` tags, values made tag-safe (a `[bot]` actor keeps its name, not its brackets). */
function lineageTags(lineage) {
    const facts = [
        ['sha', lineage.sha],
        ['short-sha', lineage.shortSha],
        ['repository', lineage.repository],
        ['ref', lineage.ref],
        ['run-url', lineage.runUrl],
        ['run-attempt', lineage.runAttempt],
        ['actor', lineage.actor],
        ['event', lineage.event],
        // Reserved even before the digest is known, so the 50-tag limit is checked before the push.
        ['image-digest', lineage.imageDigest ?? 'pending']
    ];
    return facts.map(([key, value]) => ({
        Key: `${constants/* TAG_PREFIX */.C_}${key}`,
        Value: (value ?? '').replace(TAG_CHARS, '_').slice(0, 256)
    }));
}
/** The same facts for the training code, as TRAIN_ON_PUSH_* environment variables. */
function lineageEnvironment(lineage, jobName) {
    const env = {
        TRAIN_ON_PUSH_SHA: lineage.sha,
        TRAIN_ON_PUSH_SHORT_SHA: lineage.shortSha,
        TRAIN_ON_PUSH_REPOSITORY: lineage.repository,
        TRAIN_ON_PUSH_REF: lineage.ref,
        TRAIN_ON_PUSH_RUN_URL: lineage.runUrl,
        TRAIN_ON_PUSH_RUN_ATTEMPT: lineage.runAttempt,
        TRAIN_ON_PUSH_ACTOR: lineage.actor,
        TRAIN_ON_PUSH_EVENT: lineage.event,
        TRAIN_ON_PUSH_JOB_NAME: jobName
    };
    if (lineage.imageDigest)
        env.TRAIN_ON_PUSH_IMAGE_DIGEST = lineage.imageDigest;
    return env;
}
/** `s3://bucket/prefix/<leaf>` without doubled slashes when the prefix is empty. */
function s3Path(config, leaf) {
    return `s3://${config.s3Bucket}/${[config.s3Prefix, leaf].filter((p) => p !== '').join('/')}`;
}
/** Where SageMaker will put model.tar.gz for this job. */
function modelArtifactsUri(config, jobName) {
    return `${s3Path(config, 'output')}/${jobName}/output/model.tar.gz`;
}
/** Checkpoints default to one folder per job, so a new job does not download every earlier job's checkpoints. */
function checkpointUri(config, jobName) {
    if (config.checkpointS3Uri)
        return config.checkpointS3Uri.replace(/\{job_name\}/g, jobName);
    return `${s3Path(config, 'checkpoints')}/${jobName}/`;
}
/** Pure: the full request. Validation is separate (`checkRequest`) so a dry run can show a request with problems. */
function buildTrainingJobRequest(input) {
    const { config, jobName, lineage } = input;
    const tags = [...Object.entries(config.tags).map(([Key, Value]) => ({ Key, Value })), ...lineageTags(lineage)];
    const request = {
        TrainingJobName: jobName,
        RoleArn: config.roleArn,
        AlgorithmSpecification: {
            TrainingImage: input.image,
            TrainingInputMode: 'File',
            ...(input.containerArguments.length > 0 ? { ContainerArguments: input.containerArguments } : {}),
            ...(config.metricDefinitions.length > 0
                ? { MetricDefinitions: config.metricDefinitions.map((m) => ({ Name: m.name, Regex: m.regex })) }
                : {})
        },
        OutputDataConfig: {
            S3OutputPath: s3Path(config, 'output'),
            ...(config.kmsKeyId ? { KmsKeyId: config.kmsKeyId } : {})
        },
        ResourceConfig: {
            InstanceType: config.instanceType,
            InstanceCount: config.instanceCount,
            VolumeSizeInGB: config.volumeSizeGb
        },
        StoppingCondition: {
            MaxRuntimeInSeconds: config.maxRuntimeSeconds,
            ...(config.spot && config.maxWaitSeconds !== undefined ? { MaxWaitTimeInSeconds: config.maxWaitSeconds } : {})
        },
        CheckpointConfig: { S3Uri: checkpointUri(config, jobName), LocalPath: '/opt/ml/checkpoints' },
        EnableManagedSpotTraining: config.spot,
        Environment: { ...config.environment, ...lineageEnvironment(lineage, jobName) },
        Tags: tags
    };
    const channels = Object.entries(config.channels);
    if (channels.length > 0) {
        request.InputDataConfig = channels.map(([name, ch]) => ({
            ChannelName: name,
            DataSource: {
                S3DataSource: {
                    S3DataType: 'S3Prefix',
                    S3Uri: ch.uri,
                    S3DataDistributionType: (ch.distribution ?? 'FullyReplicated')
                }
            },
            ...(ch.inputMode ? { InputMode: ch.inputMode } : {}),
            ...(ch.contentType ? { ContentType: ch.contentType } : {}),
            ...(ch.compression ? { CompressionType: ch.compression } : {})
        }));
    }
    if (config.vpc) {
        request.VpcConfig = { Subnets: config.vpc.subnets, SecurityGroupIds: config.vpc.securityGroups };
    }
    return request;
}
/** Where a request member came from, so an AWS constraint points back at the user's file or input. */
function sourceOf(path, file, channelNames) {
    const rules = [
        [/^TrainingJobName/, 'input job-name'],
        [/^RoleArn/, `${file} aws.role_arn (or input role-arn)`],
        [/^AlgorithmSpecification\.TrainingImage/, `${file} aws.ecr_repository (or input ecr-repository)`],
        [/^AlgorithmSpecification\.ContainerArguments/, 'inputs command / hydra-config / overrides'],
        [/^AlgorithmSpecification\.MetricDefinitions\[(\d+)\]/, (m) => `${file} metric_definitions[${m[1]}]`],
        [/^AlgorithmSpecification\.MetricDefinitions/, `${file} metric_definitions`],
        [/^ResourceConfig\.InstanceType/, `${file} job.instance_type (or input instance-type)`],
        [/^ResourceConfig\.InstanceCount/, `${file} job.instance_count (or input instance-count)`],
        [/^ResourceConfig\.VolumeSizeInGB/, `${file} job.volume_size`],
        [/^StoppingCondition\.MaxRuntimeInSeconds/, `${file} job.max_runtime`],
        [/^StoppingCondition\.MaxWaitTimeInSeconds/, `${file} job.max_wait`],
        [/^OutputDataConfig\.KmsKeyId/, `${file} kms_key_id`],
        [/^OutputDataConfig/, `${file} aws.s3_bucket / aws.s3_prefix`],
        [/^CheckpointConfig/, `${file} checkpoint_s3_uri`],
        [/^InputDataConfig\[(\d+)\]/, (m) => `${file} inputs.${channelNames[Number(m[1])] ?? m[1]}`],
        [/^InputDataConfig/, `${file} inputs`],
        [/^VpcConfig\.Subnets/, `${file} vpc.subnets`],
        [/^VpcConfig\.SecurityGroupIds/, `${file} vpc.security_groups`],
        [/^Environment/, `${file} environment`],
        [/^Tags/, `${file} tags`]
    ];
    for (const [re, where] of rules) {
        const m = re.exec(path);
        if (m)
            return typeof where === 'string' ? where : where(m);
    }
    return file;
}
/**
 * Checks the request the way SageMaker would, plus the rules the model cannot say
 * (reserved tag prefixes, duplicate tag keys, reserved environment names). An unknown
 * instance type is only a warning: AWS adds types faster than any model we ship.
 */
function checkRequest(request, config, file) {
    const problems = [];
    const warnings = [];
    const channelNames = Object.keys(config.channels);
    const violations = validateShape(SAGEMAKER_SHAPES, 'CreateTrainingJobRequest', request);
    for (const v of violations) {
        const where = sourceOf(v.path, file, channelNames);
        if (v.kind === 'enum' && v.path === 'ResourceConfig.InstanceType') {
            warnings.push(`${where}: '${config.instanceType}' is not in the SageMaker model this action ships; if AWS added it recently this is fine, otherwise check the spelling`);
            continue;
        }
        problems.push({ where, message: `${v.message} (SageMaker's ${v.path})` });
    }
    for (const key of Object.keys(config.tags)) {
        if (/^aws:/i.test(key))
            problems.push({ where: `${file} tags.${key}`, message: "tag keys starting with 'aws:' are reserved by AWS" });
        if (key.startsWith(constants/* TAG_PREFIX */.C_))
            problems.push({
                where: `${file} tags.${key}`,
                message: `tag keys starting with '${constants/* TAG_PREFIX */.C_}' are set by this action`
            });
    }
    for (const [key, value] of Object.entries(config.tags)) {
        if (/^aws:/i.test(value))
            problems.push({ where: `${file} tags.${key}`, message: "tag values starting with 'aws:' are reserved by AWS" });
    }
    const tagCount = request.Tags?.length ?? 0;
    if (tagCount > MAX_TAGS) {
        const own = tagCount - Object.keys(config.tags).length;
        problems.push({
            where: `${file} tags`,
            message: `SageMaker allows ${MAX_TAGS} tags on a job; this action adds ${own} lineage tags, so at most ${MAX_TAGS - own} of yours fit (you have ${Object.keys(config.tags).length})`
        });
    }
    for (const key of Object.keys(config.environment)) {
        if (key.startsWith('TRAIN_ON_PUSH_'))
            problems.push({
                where: `${file} environment.${key}`,
                message: 'names starting with TRAIN_ON_PUSH_ are set by this action'
            });
    }
    if (config.spot && (config.maxWaitSeconds ?? 0) < config.maxRuntimeSeconds) {
        problems.push({
            where: `${file} job.max_wait`,
            message: 'with spot training max_wait must be at least max_runtime'
        });
    }
    return { problems, warnings };
}

;// CONCATENATED MODULE: ./src/plan.ts
/**
 * Everything that can be decided before the first side effect: the job name,
 * the container arguments and the full CreateTrainingJob request. A problem
 * anywhere here stops the run before anything is pushed or submitted.
 */




function runInfo(env = process.env) {
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    const attempt = env.GITHUB_RUN_ATTEMPT || '1';
    const runUrl = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/attempts/${attempt}`
        : '';
    return { runUrl, runAttempt: attempt, actor: env.GITHUB_ACTOR ?? '' };
}
/** The DNS suffix of a region's partition, for the registry host ECR will give us. */
function dnsSuffix(region) {
    return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}
/** The image as a dry run shows it (account unknown) and the longest form it can take once pinned. */
function plannedImage(settings, commit) {
    const host = (account) => `${account}.dkr.ecr.${settings.config.region}.${dnsSuffix(settings.config.region)}`;
    return {
        shown: `${host('<account>')}/${settings.config.ecrRepository}:${commit.shortSha}`,
        longest: `${host('123456789012')}/${settings.config.ecrRepository}@sha256:${'0'.repeat(64)}`
    };
}
function argumentsFor(settings, jobName) {
    return planContainerArguments({
        command: settings.command,
        config: settings.hydra,
        configFile: settings.hydraConfigFile,
        overrides: settings.overrides,
        experiment: settings.experimentNameKey ? { key: settings.experimentNameKey, value: jobName } : undefined
    });
}
/** Builds and checks the plan; throws ConfigError with every problem found. */
function makePlan(settings, commit, run) {
    const jobName = (0,naming/* renderJobName */.vK)(settings.jobNameTemplate, {
        short_sha: commit.shortSha,
        sha: commit.sha,
        branch: commit.branch,
        repo: commit.repository.split('/').pop() ?? '',
        run_attempt: run.runAttempt
    }, commit.shortSha);
    const problems = [];
    if (jobName === '') {
        problems.push({ where: 'input job-name', message: `'${settings.jobNameTemplate}' renders to an empty name` });
    }
    const lineage = {
        sha: commit.sha,
        shortSha: commit.shortSha,
        repository: commit.repository,
        ref: commit.ref,
        runUrl: run.runUrl,
        runAttempt: run.runAttempt,
        actor: run.actor,
        event: commit.eventName
    };
    const build = (name, image, imageDigest) => {
        const args = argumentsFor(settings, name);
        const request = buildTrainingJobRequest({
            config: settings.config,
            jobName: name,
            image,
            containerArguments: args.args,
            lineage: { ...lineage, imageDigest }
        });
        return { request, args, ...checkRequest(request, settings.config, settings.jobConfigFile) };
    };
    const image = plannedImage(settings, commit);
    let first;
    try {
        // Checked with the longest image reference it can have, shown with the tag form.
        first = build(jobName, image.longest, `sha256:${'0'.repeat(64)}`);
    }
    catch (error) {
        if (error instanceof errors/* ConfigError */.x)
            problems.push(...error.problems);
        else
            throw error;
    }
    if (first)
        problems.push(...first.problems);
    if (problems.length > 0 || !first)
        throw new errors/* ConfigError */.x(problems);
    const shown = buildTrainingJobRequest({
        config: settings.config,
        jobName,
        image: image.shown,
        containerArguments: first.args.args,
        lineage
    });
    const skipped = first.args.skippedKeys.map((key) => `${settings.hydraConfigFile} key ${key} is not sent: Hydra's defaults list cannot be overridden from the command line`);
    return {
        jobName,
        lineage,
        arguments: first.args,
        request: shown,
        warnings: [...first.warnings, ...first.args.warnings, ...skipped],
        requestFor(name, realImage, imageDigest) {
            const again = build(name, realImage, imageDigest);
            if (again.problems.length > 0)
                throw new errors/* ConfigError */.x(again.problems);
            return again.request;
        }
    };
}

// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
;// CONCATENATED MODULE: ./src/summary.ts
/**
 * The step summary, rendered once from the run's result (also when it failed).
 * Everything that came from users or AWS is escaped: a branch name or a failure
 * reason must not be able to inject markup into the page.
 */


function escapeHtml(text) {
    return text.replace(/[&<>"'`|]/g, (c) => `&#${c.charCodeAt(0)};`);
}
const code = (text) => `<code>${escapeHtml(text)}</code>`;
const summary_link = (href, text) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
/** `3725` → `1h 2m 5s` */
function formatDuration(seconds) {
    const s = Math.round(seconds);
    const parts = [];
    if (s >= 3600)
        parts.push(`${Math.floor(s / 3600)}h`);
    if (s >= 60)
        parts.push(`${Math.floor((s % 3600) / 60)}m`);
    parts.push(`${s % 60}s`);
    return parts.join(' ');
}
/** Spot saving as SageMaker defines it: 1 - billable / training. */
function spotSaving(job) {
    if (!job.trainingSeconds || job.billableSeconds === undefined)
        return undefined;
    return Math.max(0, (1 - job.billableSeconds / job.trainingSeconds) * 100);
}
function table(rows) {
    const body = rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${v}</td></tr>`).join('\n');
    return `<table>\n${body}\n</table>\n`;
}
function headline(result) {
    const job = result.job;
    if (result.dryRun)
        return result.error ? '❌ Dry run: the configuration has problems' : '🧪 Dry run: nothing was built or submitted';
    if (job?.cancelled)
        return `⏹️ Cancelled while waiting for training job ${escapeHtml(job.name)}`;
    if (result.error)
        return `❌ ${job?.name ? `Training job ${escapeHtml(job.name)} failed` : 'The run failed'}`;
    if (!job?.status)
        return '✅ Image ready';
    const verb = {
        Completed: '✅ Training job completed',
        Submitted: '🚀 Training job submitted',
        InProgress: '⏳ Training job still running',
        WaitTimedOut: '⏳ Training job still running (stopped waiting)',
        Stopped: '⏹️ Training job stopped',
        Stopping: '⏹️ Training job stopping'
    };
    return `${verb[job.status] ?? `Training job ${escapeHtml(job.status)}`}: ${escapeHtml(job.name)}`;
}
/** Renders the summary as the HTML/Markdown mix GitHub shows. Pure. */
function renderSummary(result, serverUrl = 'https://github.com') {
    const out = [`## ${headline(result)}\n`];
    if (result.error)
        out.push(`<pre>${escapeHtml(result.error)}</pre>\n`);
    const rows = [];
    const c = result.commit;
    if (c) {
        const commitLink = c.repository
            ? summary_link(`${serverUrl}/${c.repository}/commit/${c.sha}`, c.shortSha)
            : code(c.shortSha);
        rows.push([
            'Commit',
            `${commitLink}${c.branch ? ` on ${code(c.branch)}` : ''} (${escapeHtml(c.eventName || 'run')})`
        ]);
    }
    const img = result.image;
    if (img) {
        const how = img.built === undefined ? 'planned' : img.built ? 'built and pushed' : 'reused (already in the registry)';
        rows.push(['Image', `${code(img.uri)} — ${how}`]);
        if (img.digest)
            rows.push(['Digest', code(img.digest)]);
    }
    const job = result.job;
    if (job) {
        rows.push(['Job', job.arn ? summary_link(job.consoleUrl, job.name) : code(job.name)]);
        if (job.attached)
            rows.push(['', 'attached to the run already in progress (not submitted again)']);
        rows.push(['Logs', summary_link(job.logsUrl, 'CloudWatch logs')]);
        rows.push(['Instances', `${code(job.instanceType)} × ${job.instanceCount}${job.spot ? ' (managed spot)' : ''}`]);
        if (job.status)
            rows.push([
                'Status',
                `${escapeHtml(job.status)}${job.secondaryStatus ? ` / ${escapeHtml(job.secondaryStatus)}` : ''}`
            ]);
        if (job.failureReason)
            rows.push(['Failure reason', escapeHtml(job.failureReason)]);
        if (job.trainingSeconds !== undefined)
            rows.push(['Training time', formatDuration(job.trainingSeconds)]);
        if (job.billableSeconds !== undefined) {
            const saving = job.spot ? spotSaving(job) : undefined;
            const total = job.billableSeconds * job.instanceCount;
            rows.push([
                'Billable time',
                `${formatDuration(job.billableSeconds)} × ${job.instanceCount} = ${formatDuration(total)}${saving !== undefined ? ` (spot saved ${saving.toFixed(1)}%)` : ''}`
            ]);
        }
        if (job.modelArtifacts)
            rows.push(['Model artifacts', code(job.modelArtifacts)]);
    }
    if (rows.length > 0)
        out.push(table(rows));
    if (job && job.transitions.length > 0) {
        const lines = job.transitions.map((t) => {
            const took = t.end ? ` (${formatDuration((t.end.getTime() - t.start.getTime()) / 1000)})` : '';
            return `<tr><td>${escapeHtml(t.start.toISOString().replace('.000Z', 'Z'))}</td><td>${escapeHtml(t.status)}${took}</td><td>${escapeHtml(t.message ?? '')}</td></tr>`;
        });
        out.push(`### Timeline\n\n<table>\n<tr><th>Started</th><th>Status</th><th>Message</th></tr>\n${lines.join('\n')}\n</table>\n`);
    }
    if (job && job.metrics.length > 0) {
        const lines = job.metrics.map((m) => `<tr><td>${escapeHtml(m.name)}</td><td>${escapeHtml(String(m.value))}</td></tr>`);
        out.push(`### Final metrics\n\n<table>\n<tr><th>Metric</th><th>Value</th></tr>\n${lines.join('\n')}\n</table>\n`);
    }
    if (result.arguments && result.arguments.args.length > 0)
        out.push(formatArgumentsSummary(result.arguments) + '\n');
    if (result.request && result.dryRun) {
        out.push(`<details><summary>CreateTrainingJob request</summary>\n\n<pre>${escapeHtml(JSON.stringify(result.request, null, 2))}</pre>\n</details>\n`);
    }
    if (result.notices.length > 0)
        out.push(result.notices.map((n) => `> ${escapeHtml(n)}`).join('\n>\n') + '\n');
    return out.join('\n');
}
/** Appends the summary to GITHUB_STEP_SUMMARY; a runner without one (local runs) is not an error. */
function writeSummary(result) {
    runner/* appendSummary */.fe(renderSummary(result, process.env.GITHUB_SERVER_URL || undefined));
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * One run of the action: read and check everything, then (unless dry-run)
 * publish the image, submit the job and optionally wait for it. The only
 * place that calls setFailed; the summary is written from the result at the end.
 */










async function run() {
    state/* markMainStarted */.UM();
    const result = { dryRun: false, notices: [] };
    try {
        await train(result);
    }
    catch (error) {
        result.error = (0,errors/* errorMessage */.g)(error);
        runner/* setFailed */.C1(result.error);
    }
    finally {
        try {
            writeSummary(result);
        }
        catch (error) {
            runner/* warning */.$e(`Could not write the step summary: ${(0,errors/* errorMessage */.g)(error)}`);
        }
    }
}
async function prepare(result) {
    // Known before the inputs are checked, so a dry run with a broken config still says it was one.
    result.dryRun = /^(true|True|TRUE)$/.test(runner/* getInput */.V4(constants/* Input */.pd.DryRun));
    const { settings, notices } = readSettings();
    let commit;
    try {
        commit = await resolveCommit(runnerContext(), settings.shaInput, settings.shortShaLength, settings.workspace);
    }
    catch (error) {
        throw new errors/* ConfigError */.x([{ where: 'commit', message: (0,errors/* errorMessage */.g)(error) }]);
    }
    result.commit = commit;
    runner/* setOutput */.uH(constants/* Output */.k7.Sha, commit.sha);
    runner/* setOutput */.uH(constants/* Output */.k7.ShortSha, commit.shortSha);
    for (const notice of notices)
        runner/* notice */.lm(notice);
    result.notices.push(...notices);
    const plan = makePlan(settings, commit, runInfo());
    for (const warning of plan.warnings)
        runner/* warning */.$e(warning);
    result.arguments = plan.arguments;
    if (plan.arguments.packed) {
        runner/* notice */.lm(`The Hydra config needs ${plan.arguments.unpackedCount} container arguments, more than SageMaker's 100: packed ${plan.arguments.packedKeys.length} groups into dict literals (${plan.arguments.args.length} arguments).`);
    }
    runner/* setOutput */.uH(constants/* Output */.k7.ContainerArguments, JSON.stringify(plan.arguments.args));
    result.job = jobOutcome(settings, plan.jobName);
    return { settings, commit, plan };
}
function jobOutcome(settings, name) {
    const region = settings.config.region;
    return {
        name,
        region,
        consoleUrl: (0,job_urls/* trainingJobConsoleUrl */.Yf)(region, name),
        logsUrl: (0,job_urls/* trainingJobLogsUrl */.AW)(region, name),
        instanceType: settings.config.instanceType,
        instanceCount: settings.config.instanceCount,
        spot: settings.config.spot,
        transitions: [],
        metrics: []
    };
}
function setJobOutputs(job) {
    runner/* setOutput */.uH(constants/* Output */.k7.JobName, job.name);
    runner/* setOutput */.uH(constants/* Output */.k7.ConsoleUrl, job.consoleUrl);
    runner/* setOutput */.uH(constants/* Output */.k7.LogsUrl, job.logsUrl);
    if (job.arn)
        runner/* setOutput */.uH(constants/* Output */.k7.JobArn, job.arn);
}
async function train(result) {
    const { settings, commit, plan } = await prepare(result);
    const job = result.job;
    if (settings.dryRun) {
        result.request = plan.request;
        result.image = { uri: plan.request.AlgorithmSpecification.TrainingImage, tags: [commit.shortSha] };
        runner/* startGroup */.Oh(`CreateTrainingJob request for ${plan.jobName} (dry run)`);
        runner/* info */.pq(JSON.stringify(plan.request, null, 2));
        runner/* endGroup */.N4();
        job.status = 'DryRun';
        job.modelArtifacts = modelArtifactsUri(settings.config, plan.jobName);
        setJobOutputs(job);
        runner/* setOutput */.uH(constants/* Output */.k7.Image, result.image.uri);
        runner/* setOutput */.uH(constants/* Output */.k7.JobStatus, job.status);
        runner/* setOutput */.uH(constants/* Output */.k7.ModelArtifacts, job.modelArtifacts);
        runner/* info */.pq(`Dry run: the plan above is valid; nothing was built, pushed or submitted.`);
        return;
    }
    // The AWS and docker edges are loaded only on the paths that use them: a dry run never pays for the SDK.
    const { publishImage } = await __webpack_require__.e(/* import() */ 529).then(__webpack_require__.bind(__webpack_require__, 7910));
    const image = await publishImage(settings, commit);
    result.image = image;
    runner/* setOutput */.uH(constants/* Output */.k7.Image, image.uri);
    if (image.digest)
        runner/* setOutput */.uH(constants/* Output */.k7.ImageDigest, image.digest);
    runner/* setOutput */.uH(constants/* Output */.k7.ImageBuilt, String(image.built ?? false));
    const { submitJob } = await __webpack_require__.e(/* import() */ 228).then(__webpack_require__.bind(__webpack_require__, 7228));
    const submitted = await submitJob(settings, plan.jobName, (name) => plan.requestFor(name, image.pinned ?? image.uri, image.digest), {
        // Outputs are set the moment the job exists, so a cancelled run still has them.
        onJob({ name, arn, attached }) {
            Object.assign(job, jobOutcome(settings, name), { arn, attached });
            setJobOutputs(job);
            job.modelArtifacts = modelArtifactsUri(settings.config, name);
        }
    }, { shortSha: commit.shortSha });
    job.status = 'InProgress';
    runner/* setOutput */.uH(constants/* Output */.k7.JobStatus, job.status);
    if (!settings.wait) {
        runner/* info */.pq(`Training job ${submitted.name} is running; follow it at ${job.consoleUrl}`);
        runner/* setOutput */.uH(constants/* Output */.k7.ModelArtifacts, job.modelArtifacts ?? '');
        return;
    }
    const { waitForJob, jobFailure } = await __webpack_require__.e(/* import() */ 310).then(__webpack_require__.bind(__webpack_require__, 2310));
    const outcome = await waitForJob(settings, submitted.name);
    const { status, secondaryStatus, failureReason, transitions, metrics, modelArtifacts, trainingSeconds, billableSeconds } = outcome;
    Object.assign(job, { status, secondaryStatus, failureReason, transitions, metrics, trainingSeconds, billableSeconds });
    job.cancelled = outcome.cancelled;
    job.modelArtifacts = modelArtifacts ?? job.modelArtifacts;
    runner/* setOutput */.uH(constants/* Output */.k7.JobStatus, job.status ?? '');
    if (job.modelArtifacts)
        runner/* setOutput */.uH(constants/* Output */.k7.ModelArtifacts, job.modelArtifacts);
    runner/* setOutput */.uH(constants/* Output */.k7.FinalMetrics, JSON.stringify(Object.fromEntries(job.metrics.map((m) => [m.name, m.value]))));
    const failure = jobFailure(outcome);
    if (failure)
        throw new Error(failure);
}


/***/ }),

/***/ 8499:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OT: () => (/* binding */ templateFields),
/* harmony export */   gc: () => (/* binding */ withAttemptSuffix),
/* harmony export */   vK: () => (/* binding */ renderJobName)
/* harmony export */ });
/* unused harmony exports JOB_NAME_MAX, JOB_NAME_PATTERN, TEMPLATE_FIELDS, toNameChars */
/**
 * Job names: the `job-name` template rendered into a SageMaker-legal name.
 * SageMaker allows 1-63 characters of letters, digits and hyphens, starting and
 * ending with a letter or digit. The short hash is the run's identity, so
 * shortening never cuts into it.
 */
const JOB_NAME_MAX = 63;
const JOB_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const TEMPLATE_FIELDS = ['short_sha', 'sha', 'branch', 'repo', 'run_attempt'];
/** Replaces every character SageMaker does not allow in a name with a hyphen. */
function toNameChars(text) {
    return text.replace(/[^a-zA-Z0-9-]/g, '-');
}
/** Parses a template into literal and field parts; returns the unknown `{fields}` it met. */
function templateFields(template) {
    const unknown = [];
    const literalsInvalid = [];
    for (const part of template.split(/(\{[^{}]*\})/)) {
        if (/^\{[^{}]*\}$/.test(part)) {
            const name = part.slice(1, -1);
            if (!TEMPLATE_FIELDS.includes(name))
                unknown.push(part);
        }
        else {
            for (const ch of part)
                if (!/[a-zA-Z0-9-]/.test(ch))
                    literalsInvalid.push(ch);
        }
    }
    return { unknown, literalsInvalid: [...new Set(literalsInvalid)] };
}
/**
 * Renders the template. Field values are made name-safe (a branch `models/dog` becomes
 * `models-dog`); when the result is too long, the longest other parts are trimmed first.
 */
function renderJobName(template, values, shortSha) {
    const segments = [];
    for (const part of template.split(/(\{[^{}]*\})/)) {
        if (part === '')
            continue;
        const field = /^\{([^{}]*)\}$/.exec(part)?.[1];
        if (field && field in values) {
            const text = toNameChars(values[field]);
            const keep = field === 'short_sha' ? text.length : field === 'sha' ? shortSha.length : 0;
            segments.push({ text, keep });
        }
        else {
            segments.push({ text: toNameChars(part), keep: 0 });
        }
    }
    return fit(segments);
}
/**
 * The name of the n-th attempt at the same job (`abc1234-2`), within 63 characters,
 * trimming the base name around the short hash, never the hash itself.
 */
function withAttemptSuffix(name, attempt, shortSha) {
    const suffix = { text: `-${attempt}`, keep: `-${attempt}`.length };
    const at = name.indexOf(shortSha);
    const base = at < 0
        ? [{ text: name, keep: 0 }]
        : [
            { text: name.slice(0, at), keep: 0 },
            { text: shortSha, keep: shortSha.length },
            { text: name.slice(at + shortSha.length), keep: 0 }
        ];
    return fit([...base, suffix]);
}
function fit(segments) {
    const total = () => segments.reduce((n, s) => n + s.text.length, 0);
    // Trim the longest trimmable segment one character at a time: spreads the loss fairly.
    while (total() > JOB_NAME_MAX) {
        let best = -1;
        for (let i = 0; i < segments.length; i++) {
            const room = segments[i].text.length - segments[i].keep;
            if (room > 0 && (best < 0 || room > segments[best].text.length - segments[best].keep))
                best = i;
        }
        if (best < 0)
            break;
        segments[best].text = segments[best].text.slice(0, -1);
    }
    return segments
        .map((s) => s.text)
        .join('')
        .replace(/^-+|-+$/g, '');
}


/***/ }),

/***/ 4006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eF: () => (/* binding */ run),
/* harmony export */   w$: () => (/* binding */ lastLines)
/* harmony export */ });
/* unused harmony export runOrThrow */
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1260);
/**
 * The one place the action starts other programs (git, docker).
 * Arguments always go as an array, never through a shell; secrets go on stdin.
 */


/** Runs a program to completion; a non-zero exit is returned, not thrown. */
async function run(program, args, options = {}) {
    _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`run: ${program} ${args.map((a) => JSON.stringify(a)).join(' ')}`);
    const env = options.env ? { ...process.env, ...options.env } : undefined;
    const listeners = options.onOutput
        ? {
            stdout: (b) => options.onOutput(b.toString('utf8')),
            stderr: (b) => options.onOutput(b.toString('utf8'))
        }
        : undefined;
    try {
        const out = await _actions_exec__WEBPACK_IMPORTED_MODULE_1__/* .getExecOutput */ .H(program, args, {
            cwd: options.cwd,
            env,
            input: options.input === undefined ? undefined : Buffer.from(options.input),
            silent: !options.stream,
            ignoreReturnCode: true,
            listeners
        });
        return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr };
    }
    catch (error) {
        // @actions/exec throws when the program cannot be started at all (not on PATH).
        return { exitCode: 127, stdout: '', stderr: error instanceof Error ? error.message : String(error) };
    }
}
/** Runs a program and returns its trimmed stdout; throws with the last lines of stderr on failure. */
async function runOrThrow(program, args, what, options = {}) {
    const out = await run(program, args, options);
    if (out.exitCode !== 0) {
        throw new Error(`${what} failed (exit ${out.exitCode}): ${lastLines(out.stderr || out.stdout, 5)}`);
    }
    return out.stdout.trim();
}
/** The last `n` non-empty lines of a tool's output, for error messages. */
function lastLines(text, n) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trimEnd())
        .filter((l) => l.length > 0)
        .slice(-n)
        .join('\n');
}


/***/ })

};
