export const id = 842;
export const ids = [842];
export const modules = {

/***/ 2531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lv: () => (/* binding */ Ecr),
/* harmony export */   rF: () => (/* binding */ tagIsImmutable)
/* harmony export */ });
/* unused harmony export decodeAuthorizationToken */
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(201);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _refs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8683);




/** Decoded `authorizationToken`: base64 of `user:password` (the user is `AWS`). */
function decodeAuthorizationToken(token) {
    const text = Buffer.from(token, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon <= 0 || colon === text.length - 1) {
        throw new Error('ECR returned an authorization token that is not base64 of user:password');
    }
    return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
/** A thin, typed face over the ECR client; one per run. */
class Ecr {
    client;
    sdk;
    log;
    constructor(client, sdk, log) {
        this.client = client;
        this.sdk = sdk;
        this.log = log;
    }
    static async create(region, log) {
        const [client, sdk] = await Promise.all([(0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .ecrClient */ .GD)(region), Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(249)]).then(__webpack_require__.t.bind(__webpack_require__, 8249, 19))]);
        return new Ecr(client, sdk, log);
    }
    /** GetAuthorizationToken, decoded; the password (and the token it came from) are masked at once. */
    async login() {
        const out = await this.client.send(new this.sdk.GetAuthorizationTokenCommand({})).catch((e) => {
            throw explain('GetAuthorizationToken', e);
        });
        const data = out.authorizationData?.[0];
        if (!data?.authorizationToken || !data.proxyEndpoint) {
            throw new Error('ECR GetAuthorizationToken returned no token or no proxyEndpoint; cannot log in to the registry');
        }
        this.log.secret(data.authorizationToken);
        const { username, password } = decodeAuthorizationToken(data.authorizationToken);
        this.log.secret(password);
        return {
            registry: (0,_refs_js__WEBPACK_IMPORTED_MODULE_2__/* .registryHost */ .U$)(data.proxyEndpoint),
            username,
            password,
            expiresAt: data.expiresAt
        };
    }
    /** The repository, or undefined when it does not exist. */
    async describeRepository(name) {
        try {
            const out = await this.client.send(new this.sdk.DescribeRepositoriesCommand({ repositoryNames: [name] }));
            const repo = out.repositories?.find((r) => r.repositoryName === name);
            return repo ? toInfo(name, repo) : undefined;
        }
        catch (error) {
            if (error instanceof this.sdk.RepositoryNotFoundException)
                return undefined;
            throw explain('DescribeRepositories', error);
        }
    }
    /**
     * Creates the repository MUTABLE, because `latest` moves on every push. Someone else
     * creating it at the same moment is fine: the repository exists either way.
     */
    async createRepository(name) {
        try {
            const out = await this.client.send(new this.sdk.CreateRepositoryCommand({
                repositoryName: name,
                imageTagMutability: 'MUTABLE'
            }));
            if (out.repository)
                return toInfo(name, out.repository);
        }
        catch (error) {
            if (!(error instanceof this.sdk.RepositoryAlreadyExistsException))
                throw explain('CreateRepository', error);
        }
        const existing = await this.describeRepository(name);
        if (!existing)
            throw new Error(`ECR repository '${name}' was created but cannot be described`);
        return existing;
    }
    /**
     * The manifest digest behind `repository:tag`, or undefined when the tag is not there.
     * BatchGetImage answers a missing tag with a failure entry rather than an exception.
     */
    async imageDigest(repository, tag) {
        return (await this.image(repository, tag))?.digest;
    }
    /** The image behind `repository:tag` with its manifest, or undefined when the tag is not there. */
    async image(repository, tag) {
        const out = await this.client
            .send(new this.sdk.BatchGetImageCommand({
            repositoryName: repository,
            imageIds: [{ imageTag: tag }],
            acceptedMediaTypes: MANIFEST_TYPES
        }))
            .catch((e) => {
            throw explain('BatchGetImage', e);
        });
        const found = out.images?.find((i) => i.imageId?.imageDigest);
        if (found?.imageId?.imageDigest) {
            return {
                digest: found.imageId.imageDigest,
                manifest: found.imageManifest ?? '',
                mediaType: found.imageManifestMediaType
            };
        }
        const failure = out.failures?.[0];
        if (!failure || failure.failureCode === 'ImageNotFound')
            return undefined;
        throw new Error(`ECR could not say whether ${repository}:${tag} exists: ${failure.failureCode ?? 'unknown'} ${failure.failureReason ?? ''}`.trim());
    }
    /**
     * The labels of an image, from its config blob (GetDownloadUrlForLayer works for any blob
     * of the repository, the config too). Undefined for a manifest list, which has no config.
     */
    async imageLabels(repository, image) {
        const config = configDigest(image.manifest);
        if (!config)
            return undefined;
        const out = await this.client
            .send(new this.sdk.GetDownloadUrlForLayerCommand({ repositoryName: repository, layerDigest: config }))
            .catch((e) => {
            throw explain('GetDownloadUrlForLayer', e);
        });
        const what = `the config of ${repository}@${image.digest}`;
        if (!out.downloadUrl)
            throw new Error(`ECR gave no download URL for ${what}`);
        let body;
        try {
            const res = await fetch(out.downloadUrl);
            if (!res.ok)
                throw new Error(`HTTP ${res.status}`);
            body = (await res.json());
        }
        catch (error) {
            // fetch's own message ("fetch failed") names neither the image nor the reason; the reason is in `cause`.
            const cause = error?.cause;
            const why = cause === undefined ? '' : ` (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(cause)})`;
            throw new Error(`Reading ${what} from ECR's download URL failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error)}${why}`, { cause: error });
        }
        return body.config?.Labels ?? {};
    }
    /**
     * Adds `tag` to an image that is already in the repository (PutImage with its own
     * manifest): no docker, no layers moved. `already` when the tag was on it before;
     * `refused` when it points at another image and the repository does not let it move.
     */
    async addTag(repository, image, tag) {
        try {
            await this.client.send(new this.sdk.PutImageCommand({
                repositoryName: repository,
                imageManifest: image.manifest,
                imageManifestMediaType: image.mediaType,
                imageDigest: image.digest,
                imageTag: tag
            }));
            return 'added';
        }
        catch (error) {
            if (error instanceof this.sdk.ImageAlreadyExistsException)
                return 'already';
            if (error instanceof this.sdk.ImageTagAlreadyExistsException)
                return 'refused';
            throw explain('PutImage', error);
        }
    }
}
const MANIFEST_TYPES = [
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.index.v1+json'
];
/** The config blob of a single-image manifest. */
function configDigest(manifest) {
    try {
        const parsed = JSON.parse(manifest);
        return parsed.config?.digest;
    }
    catch {
        return undefined;
    }
}
/** Names the ECR call in an AWS error, with the IAM permission it needs. */
function explain(operation, error) {
    return (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainAwsError */ .Ni)({ service: 'ECR', operation, permissions: [`ecr:${operation}`] }, error);
}
function toInfo(name, repo) {
    return {
        name,
        uri: repo.repositoryUri,
        mutability: repo.imageTagMutability ?? 'MUTABLE',
        exclusions: (repo.imageTagMutabilityExclusionFilters ?? []).map((f) => f.filter ?? '').filter(Boolean)
    };
}
/** Whether ECR will refuse to move `tag` once it exists in this repository. */
function tagIsImmutable(repo, tag) {
    const matches = repo.exclusions.some((f) => wildcard(f).test(tag));
    switch (repo.mutability) {
        case 'IMMUTABLE':
            return true;
        case 'IMMUTABLE_WITH_EXCLUSION':
            return !matches;
        case 'MUTABLE_WITH_EXCLUSION':
            return matches;
        default:
            return false;
    }
}
function wildcard(filter) {
    return new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}


/***/ }),

/***/ 86:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P1: () => (/* binding */ REVISION_LABEL),
/* harmony export */   TT: () => (/* binding */ ociLabels),
/* harmony export */   l5: () => (/* binding */ CONTENT_KEY_LABEL)
/* harmony export */ });
/** The OCI labels that tie an image to the commit it was built from. */
/** The label that says what an image was built from. */
const CONTENT_KEY_LABEL = 'train-on-push.content-key';
/** The label that names the commit an image was built from (OCI's own). */
const REVISION_LABEL = 'org.opencontainers.image.revision';
/** OCI annotation labels that tie the image to its commit. */
function ociLabels(input) {
    const server = (input.serverUrl || 'https://github.com').replace(/\/+$/, '');
    const labels = {
        [REVISION_LABEL]: input.sha,
        'org.opencontainers.image.created': input.created.toISOString(),
        'org.opencontainers.image.version': input.shortSha
    };
    if (input.repository)
        labels['org.opencontainers.image.source'] = `${server}/${input.repository}`;
    // The revision label names the commit; this one says the image is not exactly it.
    if (input.contentKey)
        labels[CONTENT_KEY_LABEL] = input.contentKey;
    if (input.uncommitted && input.uncommitted.length > 0)
        labels['train-on-push.uncommitted'] = input.uncommitted.join(', ').slice(0, 1000);
    return labels;
}


/***/ }),

/***/ 4461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  logoutRegistry: () => (/* binding */ logoutRegistry),
  publishImage: () => (/* binding */ publishImage)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/image/build-args.ts
var build_args = __webpack_require__(4483);
// EXTERNAL MODULE: ./src/image/refs.ts
var image_refs = __webpack_require__(8683);
;// CONCATENATED MODULE: ./src/image/build-command.ts

/** Turns the build request into the exact docker argv for the builder at hand. */
function buildCommand(p) {
    const args = [];
    const env = {};
    let cacheNote;
    const containerDriver = p.builder.kind === 'buildx' && p.builder.driver !== undefined && p.builder.driver !== 'docker';
    // The docker driver exports a registry cache only on the containerd image store.
    const exportsCache = containerDriver || (p.builder.kind === 'buildx' && p.builder.imageStore === 'containerd');
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
    if (p.target)
        args.push('--target', p.target);
    const latestRef = `${p.repositoryRef}:latest`;
    const cacheRef = `${p.repositoryRef}:${image_refs/* CACHE_TAG */.yJ}`;
    let cache = p.cache;
    if (cache !== 'none' && p.builder.kind === 'legacy') {
        cacheNote = `cache '${cache}' needs BuildKit, which this Docker CLI only offers through the buildx plugin; building without a cache`;
        cache = 'none';
    }
    if (cache === 'registry' && !exportsCache) {
        cacheNote = `cache 'registry' needs buildx with a container builder (docker/setup-buildx-action) or Docker's containerd image store; using an inline cache instead`;
        cache = 'inline';
    }
    else if (cache === 'registry' && p.immutable) {
        cacheNote = `cache 'registry' would rewrite the '${image_refs/* CACHE_TAG */.yJ}' tag, which an IMMUTABLE repository refuses; using an inline cache instead`;
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
/** Picks the builder from what the CLI offers. */
function chooseBuilder(clientVersion, buildx, imageStore) {
    if (buildx)
        return { kind: 'buildx', version: buildx.version, driver: buildx.driver, imageStore };
    // From Docker CLI 23 on, `docker build` with BuildKit is a shim over the buildx plugin.
    const major = Number(/^(\d+)/.exec(clientVersion)?.[1] ?? '0');
    return { kind: major >= 23 ? 'legacy' : 'buildkit' };
}

// EXTERNAL MODULE: ./src/exec.ts
var exec = __webpack_require__(3190);
;// CONCATENATED MODULE: ./src/image/docker-output.ts
/** Reading what the docker CLI prints: versions, the builder's driver, pushed digests, refusals. */
/** The buildx version from `docker buildx version` (`github.com/docker/buildx v0.12.1 542e5d8`). */
function parseBuildxVersion(output) {
    return /\bv?(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1];
}
/**
 * The engine's image store from `docker info --format '{{json .DriverStatus}}'`: the
 * containerd store reports `driver-type io.containerd.snapshotter.v1`.
 */
function parseImageStore(driverStatus) {
    return /io\.containerd\.snapshotter/.test(driverStatus) ? 'containerd' : 'classic';
}
/**
 * A push that failed on the way rather than being refused: the registry answered 5xx, the
 * connection dropped, or the registry lost the upload session. Worth trying again.
 */
function isTransientPushFailure(output) {
    return /blob upload unknown|BLOB_UPLOAD_UNKNOWN|connection reset|broken pipe|unexpected EOF|EOF$|received unexpected HTTP status: 5\d\d|\b50[0234]\b|Service Unavailable|Internal Server Error|Bad Gateway|i\/o timeout|TLS handshake timeout/im.test(output);
}
/** The selected builder's driver from `docker buildx inspect`. */
function parseBuildxDriver(output) {
    return /^Driver:\s*(\S+)/m.exec(output)?.[1];
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
/**
 * A push refused because the tag exists and may not move: ECR answers TAG_INVALID through
 * the registry protocol (`ImageTagAlreadyExistsException` through its API).
 */
function isImmutableTagRefusal(output) {
    return /tag invalid|ImageTagAlreadyExists|cannot be overwritten because the (repository|tag) is immutable/i.test(output);
}

;// CONCATENATED MODULE: ./src/image/docker.ts
/**
 * The Docker CLI as the image stage uses it: is an engine there, which builder, login
 * (password on stdin only), build, push, logout.
 */




/**
 * Passed to every docker call: no "What's next" hints in the log (CLI 24+), and no provenance
 * attestations from buildx, which would turn the image into an index SageMaker does not run.
 */
const DOCKER_ENV = {
    DOCKER_CLI_HINTS: 'false',
    BUILDX_NO_DEFAULT_ATTESTATIONS: '1'
};
/** Lines of build output kept for the error message when a build fails. */
const BUILD_ERROR_LINES = 25;
/** Why talking to a registry failed, read from what docker printed. */
function registryTrouble(output) {
    if (/unauthorized|authentication required|denied|\b401\b|\b403\b|incorrect username or password|no basic auth credentials/i.test(output)) {
        return 'refused';
    }
    if (/connection refused|no such host|i\/o timeout|timeout|network is unreachable|dial tcp|EOF|server misbehaving|TLS handshake/i.test(output)) {
        return 'unreachable';
    }
    return 'other';
}
/** What a refused push needs, in ECR's IAM terms. */
const PUSH_PERMISSIONS = 'ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage';
/**
 * Why a login or push failed, and what to check, in one place for every registry step (a
 * login, `docker push`, and a buildx build that pushes itself): `advice` is empty when the
 * output shows neither a refusal nor an unreachable registry.
 */
function registryFailure(step, output) {
    const trouble = registryTrouble(output);
    let advice = '';
    if (trouble === 'refused')
        advice =
            step === 'login'
                ? 'The ECR token did not work for this registry; check that the credentials may call ecr:GetAuthorizationToken and that the region is the one the repository is in.'
                : `The registry refused the push: check that the credentials may call ${PUSH_PERMISSIONS} on the repository.`;
    else if (trouble === 'unreachable')
        advice = "Check the runner's network, proxy and DNS.";
    return { trouble, advice };
}
/** `docker push` failed; `transient` when trying again may help. */
class PushFailed extends Error {
    transient;
    constructor(message, transient) {
        super(message);
        this.transient = transient;
        this.name = 'PushFailed';
    }
}
/** The `docker` on PATH, started through the action's process runner. */
class Docker {
    exec;
    constructor(exec) {
        this.exec = exec;
    }
    run(args, options = {}) {
        return this.exec('docker', args, { ...options, env: { ...DOCKER_ENV, ...options.env } });
    }
    /** Finds the Docker CLI and engine, and the builder to use; throws a clear error when there is none. */
    async probe() {
        const version = await this.run([
            'version',
            '--format', // Not tabs: `docker version` pipes its template through a tabwriter.
            '{{.Client.Version}}|{{.Server.Version}}|{{.Server.Arch}}'
        ]);
        if (version.exitCode === 127) {
            throw new Error('Docker is not available: no `docker` command on PATH. The action builds the image with Docker; ' +
                'GitHub-hosted Ubuntu runners have it, on a self-hosted runner install Docker Engine and the CLI.');
        }
        const [clientVersion = '', serverVersion = '', arch = ''] = version.stdout.trim().split('|');
        if (version.exitCode !== 0 || !serverVersion) {
            const why = (0,exec/* lastLines */.w)(version.stderr || version.stdout, 3) || `exit ${version.exitCode}`;
            throw new Error(`Docker is not available: the Docker engine did not answer (${why}). ` +
                'Start the Docker daemon, or point DOCKER_HOST at it, and make sure the runner user may use it.');
        }
        const buildx = await this.run(['buildx', 'version']);
        let found;
        if (buildx.exitCode === 0) {
            const inspect = await this.run(['buildx', 'inspect']);
            found = {
                version: parseBuildxVersion(buildx.stdout),
                driver: inspect.exitCode === 0 ? parseBuildxDriver(inspect.stdout) : undefined
            };
        }
        const info = await this.run(['info', '--format', '{{json .DriverStatus}}']);
        const store = info.exitCode === 0 ? parseImageStore(info.stdout) : undefined;
        return { clientVersion, serverVersion, arch, builder: chooseBuilder(clientVersion, found, store) };
    }
    /** `docker login --password-stdin`: the password never touches argv or the log. */
    async login(registry, username, password) {
        const out = await this.run(['login', '--username', username, '--password-stdin', registry], { input: password });
        if (out.exitCode === 0)
            return;
        const text = out.stderr || out.stdout;
        const tail = (0,exec/* lastLines */.w)(text, 3);
        const { trouble, advice } = registryFailure('login', text);
        if (trouble === 'refused')
            throw new Error(`docker login to ${registry} was refused: ${tail}. ${advice}`);
        if (trouble === 'unreachable')
            throw new Error(`The registry ${registry} is unreachable from this runner: ${tail}. ${advice}`);
        throw new Error(`docker login to ${registry} failed (exit ${out.exitCode}): ${tail}`);
    }
    /** `docker logout`; returns the problem instead of throwing (the post step only warns). */
    async logout(registry) {
        const out = await this.run(['logout', registry]);
        if (out.exitCode === 0)
            return undefined;
        return ((0,exec/* lastLines */.w)(out.stderr || out.stdout, 3) || `exit ${out.exitCode}`).replace(/\.+$/, '');
    }
    /** Runs the build, streaming its output into the log; a failure carries the last lines of that log. */
    async build(command, cwd) {
        const tail = new exec/* OutputTail */.g();
        const out = await this.run(command.args, {
            cwd,
            env: command.env,
            stream: true,
            onOutput: (t) => tail.add(t)
        });
        if (out.exitCode === 0)
            return;
        const text = tail.toString() || out.stderr;
        const last = (0,exec/* lastLines */.w)(text, 5);
        const { trouble, advice } = registryFailure('push', last);
        if (command.pushesItself && trouble !== 'other')
            throw new Error(`Pushing the image failed: ${last}. ${advice}`);
        throw new Error(`docker build failed (exit ${out.exitCode}). Last lines of the build log:\n${(0,exec/* lastLines */.w)(text, BUILD_ERROR_LINES)}`);
    }
    /**
     * Pushes one tag and returns the manifest digest the registry now holds for it. A push that
     * fails on the way (5xx, a dropped connection, a lost upload) is tried again, waiting 2, 4,
     * 8 s: layers already uploaded are not sent again. A refusal is not retried.
     */
    async push(ref, options = {}) {
        const attempts = options.attempts ?? 4;
        const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
        for (let attempt = 1;; attempt++) {
            try {
                return await this.pushOnce(ref);
            }
            catch (error) {
                const message = (0,errors/* errorMessage */.g)(error);
                if (attempt >= attempts || !(error instanceof PushFailed) || !error.transient)
                    throw error;
                const wait = 2000 * 2 ** (attempt - 1);
                options.onRetry?.(`${message.split('\n')[0]}; trying again in ${wait / 1000} s (attempt ${attempt + 1} of ${attempts})`);
                await sleep(wait);
            }
        }
    }
    async pushOnce(ref) {
        const tail = new exec/* OutputTail */.g();
        const out = await this.run(['push', ref], { stream: true, onOutput: (t) => tail.add(t) });
        const text = tail.toString() || out.stdout + out.stderr;
        if (out.exitCode !== 0) {
            const last = (0,exec/* lastLines */.w)(text, 5);
            const { trouble, advice } = registryFailure('push', last);
            throw new PushFailed(`docker push ${ref} failed (exit ${out.exitCode}): ${last}.${advice ? ` ${advice}` : ''}`, trouble !== 'refused' && isTransientPushFailure((0,exec/* lastLines */.w)(text, 10)));
        }
        const tag = ref.slice(ref.lastIndexOf(':') + 1);
        const digest = parsePushDigest(text, tag);
        if (!digest)
            throw new Error(`docker push ${ref} succeeded but printed no digest; cannot pin the training job to it`);
        return digest;
    }
}

// EXTERNAL MODULE: ./src/image/ecr.ts
var image_ecr = __webpack_require__(2531);
// EXTERNAL MODULE: ./src/image/labels.ts
var labels = __webpack_require__(86);
;// CONCATENATED MODULE: ./src/image/platform.ts
/** Which platform the image is built for, and what a choice will cost. */
/** What SageMaker training instances run; any other platform will not start there. */
const SAGEMAKER_PLATFORM = 'linux/amd64';
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

// EXTERNAL MODULE: ./src/image/reuse.ts
var reuse = __webpack_require__(9785);
// EXTERNAL MODULE: ./src/image/workspace.ts
var workspace = __webpack_require__(1519);
;// CONCATENATED MODULE: ./src/image/publish.ts
/**
 * The image stage: log in to ECR, make sure the repository is there, then reuse an image that
 * is already there (one built from exactly the same content, by any commit, or the one already
 * tagged for this commit) or build and push one, and hand back the image pinned by digest.
 * The order keeps side effects late: everything that can be learned by reading (token,
 * repository, tags, Docker) is learned before anything is created or pushed.
 */














/** Logs in to ECR, ensures the repository, reuses or builds and pushes, returns the pinned image. */
async function publishImage(settings, commit, ctx) {
    const { log, source } = ctx;
    const repository = settings.config.ecrRepository;
    const tag = (0,image_refs/* tagForBuild */.gU)(commit.shortSha, source);
    const clean = !source.uncommitted?.length;
    const ecr = await image_ecr/* Ecr */.Lv.create(settings.config.region, log);
    const { login, repo } = await log.group('Amazon ECR', async () => {
        const login = await ecr.login();
        log.info(`Registry: ${login.registry} (region ${settings.config.region})`);
        const repo = await ecr.describeRepository(repository);
        if (repo)
            log.info(`Repository ${repository}: ${repo.mutability}`);
        else if (!settings.createRepository) {
            throw new Error(`The ECR repository '${repository}' does not exist in ${login.registry} (the name is ${reuse/* REPOSITORY_NAME_SOURCE */.z}). ` +
                `Create it (aws ecr create-repository --repository-name ${repository} --region ${settings.config.region}), ` +
                `or set create-repository: true to let the action create it.`);
        }
        else
            log.info(`Repository ${repository} does not exist yet; it will be created`);
        // Checked before anything is reused or built; a repository created below is checked once it is there.
        if (repo)
            checkSameRegistry(login.registry, repo);
        return { login, repo };
    });
    const uri = (0,image_refs/* imageUriFor */.Zz)(login.registry, repository, tag);
    const pinned = (digest) => (0,image_refs/* pinnedUriFor */.Uu)(login.registry, repository, digest);
    if (repo) {
        const found = await (0,reuse/* findReusable */.v)(ecr, repo, settings, tag, source, log);
        if (found) {
            const reused = await useExisting(found, { settings, commit, ecr, repo, tag, source, clean, log });
            return { uri, pinned: pinned(reused.digest), ...reused };
        }
    }
    const docker = new Docker(ctx.exec);
    const engine = await docker.probe();
    for (const note of platformNotes(settings.platform, engine.arch))
        log.warning(note);
    log.info(`Docker ${engine.clientVersion} (engine ${engine.serverVersion}, ${engine.arch}); builder: ${describeBuilder(engine.builder)}`);
    let target = repo;
    if (!target) {
        target = await log.group('Create ECR repository', () => createRepository(ecr, repository, log));
        checkSameRegistry(login.registry, target);
    }
    await log.group(`docker login ${login.registry}`, async () => {
        await docker.login(login.registry, login.username, login.password);
        ctx.onLogin(login.registry);
        log.info(`Logged in to ${login.registry}`);
    });
    const tags = await tagsToPush(ecr, target, tag, (0,image_refs/* contentTag */.mB)(source.contentKey), settings.pushLatest && clean, log);
    const pushed = await buildAndPush({
        settings,
        commit,
        tag,
        source,
        ecr,
        docker,
        engine,
        repo: target,
        registry: login.registry,
        tags,
        log,
        push: { ...ctx.push, onRetry: (m) => log.warning(m) }
    });
    return {
        uri,
        digest: pushed.digest,
        pinned: pinned(pushed.digest),
        built: pushed.built,
        tags: pushed.tags,
        commit: commit.sha,
        ...(pushed.built ? {} : { reused: 'tag' })
    };
}
/**
 * Uses the image findReusable found: the commit's tag, and `latest`, are added to it through
 * ECR, so they never lag behind the image the job runs.
 */
async function useExisting(found, ctx) {
    const { settings, commit, ecr, repo, tag, source, clean, log } = ctx;
    const { image } = found;
    if (found.by === 'content') {
        const tags = await addTags(ecr, repo, image, (0,image_refs/* imageTags */.rK)(tag, settings.pushLatest && clean), log);
        log.info(`Reusing ${repo.name}@${image.digest}, built from commit ${found.builtBy.slice(0, 12) || '(unknown)'}: ` +
            `it was built from exactly the same content (${source.contentKey.slice(0, 19)}…: the Dockerfile, every file ` +
            `Docker sends, build-args, platform and target), so nothing is built or pushed. Tagged ${tags.join(', ')}.`);
        return { digest: image.digest, built: false, tags, commit: found.builtBy, reused: 'content' };
    }
    if (found.immutable) {
        log.notice(`${repo.name}:${tag} already exists and the repository does not let tags move, so that image is reused instead of rebuilt.`);
    }
    const latest = settings.pushLatest && clean ? await addTags(ecr, repo, image, ['latest'], log) : [];
    log.info(`${repo.name}:${tag} is already in the registry (${image.digest}); nothing to build or push.`);
    return { digest: image.digest, built: false, tags: [tag, ...latest], commit: commit.sha, reused: 'tag' };
}
/** Puts `tags` on an image already in the repository; returns those it carries now. */
async function addTags(ecr, repo, image, tags, log) {
    const carried = [];
    for (const t of tags) {
        const result = await ecr.addTag(repo.name, image, t);
        if (result === 'refused') {
            log.warning(`'${t}' already points at another image in ${repo.name} and the repository does not let it move; the job runs ${image.digest} all the same.`);
        }
        else
            carried.push(t);
    }
    return carried;
}
async function buildAndPush(job) {
    const { settings, commit, tag, source, ecr, docker, engine, repo, registry, tags, log } = job;
    const refs = tags.map((t) => (0,image_refs/* imageUriFor */.Zz)(registry, repo.name, t));
    const metadataDir = engine.builder.kind === 'buildx' ? await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'train-on-push-')) : undefined;
    const metadataFile = metadataDir ? (0,external_node_path_.join)(metadataDir, 'metadata.json') : undefined;
    try {
        const command = buildCommand({
            builder: engine.builder,
            context: (0,workspace/* inWorkspace */.v)(settings.workspace, settings.context),
            dockerfile: (0,workspace/* inWorkspace */.v)(settings.workspace, settings.dockerfile),
            refs,
            repositoryRef: `${registry}/${repo.name}`,
            platform: settings.platform,
            labels: (0,labels/* ociLabels */.TT)({
                sha: commit.sha,
                shortSha: commit.shortSha,
                repository: commit.repository,
                serverUrl: process.env.GITHUB_SERVER_URL,
                created: new Date(),
                uncommitted: source.uncommitted,
                contentKey: source.contentKey
            }),
            buildArgs: (0,build_args/* buildArgList */.Z)(settings.buildArgs),
            target: settings.target,
            cache: settings.cache,
            immutable: (0,image_ecr/* tagIsImmutable */.rF)(repo, image_refs/* CACHE_TAG */.yJ),
            metadataFile
        });
        // Falling back to an inline cache is routine (the runner's default builder); no cache at all is worth a notice.
        if (command.cacheNote)
            (command.cache === 'none' ? log.notice : log.info)(command.cacheNote);
        const raced = await log.group(`Build ${refs.join(', ')}`, async () => {
            try {
                await docker.build(command, settings.workspace);
                return undefined;
            }
            catch (error) {
                const taken = command.pushesItself ? await takenMeanwhile(ecr, repo.name, tag, error, log) : undefined;
                if (!taken)
                    throw error;
                return taken;
            }
        });
        if (raced)
            return { digest: raced, tags: [tag], built: false };
        return await log.group('Push', async () => {
            if (command.pushesItself && metadataFile) {
                const found = parseMetadataDigest(await (0,promises_.readFile)(metadataFile, 'utf8').catch(() => ''));
                if (!found) {
                    throw new Error('buildx pushed the image but wrote no digest to its metadata file; cannot pin the training job');
                }
                log.info(`Pushed ${refs.join(', ')} (${found})`);
                return { digest: found, tags, built: true };
            }
            let digest;
            const done = [];
            // The build's own tag goes first: its digest is the one the job is pinned to.
            for (const [i, ref] of refs.entries()) {
                try {
                    const d = await docker.push(ref, job.push);
                    digest ??= d;
                    done.push(tags[i]);
                    log.info(`Pushed ${ref} (${d})`);
                }
                catch (error) {
                    if (tags[i] === tag) {
                        const taken = await takenMeanwhile(ecr, repo.name, tag, error, log);
                        if (!taken)
                            throw error;
                        return { digest: taken, tags: [tag], built: false };
                    }
                    // The content tag or `latest`, made immutable-and-taken by someone else after it was checked.
                    if (!isImmutableTagRefusal((0,errors/* errorMessage */.g)(error)))
                        throw error;
                    log.warning(`'${tags[i]}' could not be moved in ${repo.name}: ${(0,errors/* errorMessage */.g)(error)}`);
                }
            }
            return { digest: digest, tags: done, built: true };
        });
    }
    finally {
        if (metadataDir)
            await (0,promises_.rm)(metadataDir, { recursive: true, force: true });
    }
}
/**
 * Another run of the same commit may push the tag while this one builds. Where the tag
 * cannot move, ECR refuses our push; that run's image is as good as ours, so it is used.
 */
async function takenMeanwhile(ecr, repository, tag, error, log) {
    if (!isImmutableTagRefusal((0,errors/* errorMessage */.g)(error)))
        return undefined;
    const digest = await ecr.imageDigest(repository, tag);
    if (digest) {
        log.notice(`${repository}:${tag} was pushed by another run while this one was building; its image (${digest}) is used, since the tag cannot move.`);
    }
    return digest;
}
/** Post step: `docker logout` of the registry main logged in to; failures are warnings. */
async function logoutRegistry(registry, ctx) {
    const problem = await new Docker(ctx.exec).logout(registry);
    if (problem)
        ctx.log.warning(`docker logout ${registry} failed: ${problem}. The runner may keep the (12-hour) ECR login.`);
    else
        ctx.log.info(`Logged out of ${registry}`);
}
/**
 * The build's tag always; the content tag, so a later commit with the same inputs finds the
 * image; `latest` when asked. A tag other than the build's that exists where tags cannot move
 * is left out (pushing it would only be refused).
 */
async function tagsToPush(ecr, repo, tag, byContent, pushLatest, log) {
    const tags = (0,image_refs/* imageTags */.rK)(tag, pushLatest);
    tags.splice(1, 0, byContent);
    const kept = [];
    for (const t of tags) {
        if (t !== tag && (0,image_ecr/* tagIsImmutable */.rF)(repo, t) && (await ecr.imageDigest(repo.name, t))) {
            if (t === 'latest')
                log.warning(`'latest' already exists in ${repo.name} and its tags are immutable, so it is not moved to this build; set push-latest: false to silence this.`);
            continue;
        }
        kept.push(t);
    }
    return kept;
}
async function createRepository(ecr, name, log) {
    const created = await ecr.createRepository(name);
    log.info(`Created ECR repository ${name} (${created.mutability})`);
    return created;
}
/**
 * The token is for one registry; the repository must live in that same registry, or the
 * push would be refused after a full build.
 */
function checkSameRegistry(registry, repo) {
    if (!repo.uri)
        return;
    const repoHost = (0,image_refs/* hostOfRepositoryUri */._K)(repo.uri);
    if (repoHost.toLowerCase() !== registry.toLowerCase()) {
        throw new Error(`The ECR login token is for registry ${registry}, but the repository is in ${repoHost}. ` +
            'Use credentials and a region for the account that owns the repository.');
    }
}
function describeBuilder(b) {
    const store = b.imageStore === 'containerd' ? ', containerd image store' : '';
    if (b.kind === 'buildx')
        return `buildx ${b.version ?? ''} (${b.driver ?? 'unknown'} driver${store})`.replace('  ', ' ');
    if (b.kind === 'buildkit')
        return 'docker build with BuildKit';
    return 'docker build (legacy builder: this CLI has no buildx plugin)';
}


/***/ }),

/***/ 9785:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ findReusable),
/* harmony export */   z: () => (/* binding */ REPOSITORY_NAME_SOURCE)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _ecr_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2531);
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86);
/* harmony import */ var _refs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8683);




/**
 * The image to reuse, if any: first one built from exactly this content (reuse-by-content),
 * then the one already tagged `tag` (skip-existing-image, or always where tags cannot move).
 * Only reads the registry; a content image whose labels cannot be read is passed over with
 * a warning, since reuse only ever saves a build.
 */
async function findReusable(ecr, repo, settings, tag, source, log) {
    if (settings.reuseByContent) {
        const same = await sameContent(ecr, repo.name, source.contentKey, log);
        if (same)
            return same;
    }
    const immutable = (0,_ecr_js__WEBPACK_IMPORTED_MODULE_0__/* .tagIsImmutable */ .rF)(repo, tag);
    if (!settings.skipExistingImage && !immutable)
        return undefined;
    const image = await ecr.image(repo.name, tag);
    return image ? { by: 'tag', image, immutable: !settings.skipExistingImage } : undefined;
}
/**
 * The image behind this content's tag, when its label confirms the content key: anyone who
 * may push can put a tag on any image, so the tag's name alone is not trusted.
 */
async function sameContent(ecr, repository, contentKey, log) {
    const byContent = (0,_refs_js__WEBPACK_IMPORTED_MODULE_1__/* .contentTag */ .mB)(contentKey);
    const image = await ecr.image(repository, byContent);
    if (!image)
        return undefined;
    let labels;
    try {
        labels = await ecr.imageLabels(repository, image);
    }
    catch (error) {
        log.warning(`${repository}:${byContent} could not be checked, so it is not reused and the image is built instead: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(error)}`);
        return undefined;
    }
    if (labels?.[_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .CONTENT_KEY_LABEL */ .l5] !== contentKey) {
        log.warning(`${repository}:${byContent} is not labelled with the content key it is named after; it is not reused.`);
        return undefined;
    }
    return { by: 'content', image, builtBy: labels[_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .REVISION_LABEL */ .P1] ?? '' };
}
/** Where the repository's name comes from, for messages about a repository that is not there (a typo is the usual cause). */
const REPOSITORY_NAME_SOURCE = 'aws.ecr_repository in the job config, or the ecr-repository input';


/***/ })

};
