export const id = 910;
export const ids = [910];
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

/***/ 7910:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  imageUriFor: () => (/* reexport */ image_plan/* imageUriFor */.Zz),
  logoutRegistry: () => (/* binding */ logoutRegistry),
  pinnedUriFor: () => (/* reexport */ image_plan/* pinnedUriFor */.Uu),
  publishImage: () => (/* binding */ publishImage)
});

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/process.ts + 12 modules
var src_process = __webpack_require__(6844);
// EXTERNAL MODULE: ./src/image-plan.ts
var image_plan = __webpack_require__(9916);
;// CONCATENATED MODULE: ./src/docker.ts
/**
 * The Docker CLI as the image edge uses it: is an engine there, which builder, login (password
 * on stdin only), build, push, logout. Every call goes through process.ts.
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
/** Finds the Docker CLI and engine, and the builder to use; throws a clear error when there is none. */
async function probeDocker() {
    const version = await (0,src_process/* run */.e)('docker', [
        'version',
        '--format', // Not tabs: `docker version` pipes its template through a tabwriter.
        '{{.Client.Version}}|{{.Server.Version}}|{{.Server.Arch}}'
    ], { env: DOCKER_ENV });
    if (version.exitCode === 127) {
        throw new Error('Docker is not available: no `docker` command on PATH. The action builds the image with Docker; ' +
            'GitHub-hosted Ubuntu runners have it, on a self-hosted runner install Docker Engine and the CLI.');
    }
    const [clientVersion = '', serverVersion = '', arch = ''] = version.stdout.trim().split('|');
    if (version.exitCode !== 0 || !serverVersion) {
        const why = (0,src_process/* lastLines */.w)(version.stderr || version.stdout, 3) || `exit ${version.exitCode}`;
        throw new Error(`Docker is not available: the Docker engine did not answer (${why}). ` +
            'Start the Docker daemon, or point DOCKER_HOST at it, and make sure the runner user may use it.');
    }
    const buildx = await (0,src_process/* run */.e)('docker', ['buildx', 'version'], { env: DOCKER_ENV });
    let found;
    if (buildx.exitCode === 0) {
        const inspect = await (0,src_process/* run */.e)('docker', ['buildx', 'inspect'], { env: DOCKER_ENV });
        found = {
            version: (0,image_plan/* parseBuildxVersion */.Ou)(buildx.stdout),
            driver: inspect.exitCode === 0 ? (0,image_plan/* parseBuildxDriver */.co)(inspect.stdout) : undefined
        };
    }
    return { clientVersion, serverVersion, arch, builder: (0,image_plan/* chooseBuilder */.Z7)(clientVersion, found) };
}
/** Why talking to a registry failed, in words that say what to do. */
function registryTrouble(output) {
    if (/unauthorized|authentication required|denied|\b401\b|\b403\b|incorrect username or password|no basic auth credentials/i.test(output)) {
        return 'refused';
    }
    if (/connection refused|no such host|i\/o timeout|timeout|network is unreachable|dial tcp|EOF|server misbehaving|TLS handshake/i.test(output)) {
        return 'unreachable';
    }
    return 'other';
}
/** `docker login --password-stdin`: the password never touches argv or the log. */
async function dockerLogin(registry, username, password) {
    const out = await (0,src_process/* run */.e)('docker', ['login', '--username', username, '--password-stdin', registry], {
        input: password,
        env: DOCKER_ENV
    });
    if (out.exitCode === 0)
        return;
    const text = out.stderr || out.stdout;
    const tail = (0,src_process/* lastLines */.w)(text, 3);
    switch (registryTrouble(text)) {
        case 'refused':
            throw new Error(`docker login to ${registry} was refused: ${tail}. The ECR token did not work for this registry; ` +
                'check that the credentials may call ecr:GetAuthorizationToken and that the region is the one the repository is in.');
        case 'unreachable':
            throw new Error(`The registry ${registry} is unreachable from this runner: ${tail}. Check the runner's network, proxy and DNS.`);
        default:
            throw new Error(`docker login to ${registry} failed (exit ${out.exitCode}): ${tail}`);
    }
}
/** `docker logout`; returns the problem instead of throwing (the post step only warns). */
async function dockerLogout(registry) {
    const out = await (0,src_process/* run */.e)('docker', ['logout', registry], { env: DOCKER_ENV });
    if (out.exitCode === 0)
        return undefined;
    return ((0,src_process/* lastLines */.w)(out.stderr || out.stdout, 3) || `exit ${out.exitCode}`).replace(/\.+$/, '');
}
/** Keeps only the end of a long stream of output. */
class Tail {
    max;
    text = '';
    constructor(max = 64 * 1024) {
        this.max = max;
    }
    add(chunk) {
        this.text += chunk;
        if (this.text.length > this.max * 2)
            this.text = this.text.slice(-this.max);
    }
    toString() {
        return this.text;
    }
}
/** Runs the build, streaming its output into the log; a failure carries the last lines of that log. */
async function dockerBuild(plan, cwd) {
    const tail = new Tail();
    const out = await (0,src_process/* run */.e)('docker', plan.args, {
        cwd,
        env: plan.env,
        stream: true,
        onOutput: (t) => tail.add(t)
    });
    if (out.exitCode === 0)
        return;
    const text = tail.toString() || out.stderr;
    if (plan.pushesItself && registryTrouble((0,src_process/* lastLines */.w)(text, 5)) !== 'other') {
        throw new Error(`Pushing the image failed: ${(0,src_process/* lastLines */.w)(text, 5)}`);
    }
    throw new Error(`docker build failed (exit ${out.exitCode}). Last lines of the build log:\n${(0,src_process/* lastLines */.w)(text, BUILD_ERROR_LINES)}`);
}
/** Pushes one tag and returns the manifest digest the registry now holds for it. */
async function dockerPush(ref) {
    const tail = new Tail();
    const out = await (0,src_process/* run */.e)('docker', ['push', ref], {
        env: DOCKER_ENV,
        stream: true,
        onOutput: (t) => tail.add(t)
    });
    const text = tail.toString() || out.stdout + out.stderr;
    if (out.exitCode !== 0) {
        const last = (0,src_process/* lastLines */.w)(text, 5);
        const hint = registryTrouble(last) === 'refused'
            ? ' The registry refused the push: check the credentials may call ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage on the repository.'
            : registryTrouble(last) === 'unreachable'
                ? ' The registry could not be reached; check the runner network.'
                : '';
        throw new Error(`docker push ${ref} failed (exit ${out.exitCode}): ${last}.${hint}`);
    }
    const tag = ref.slice(ref.lastIndexOf(':') + 1);
    const digest = (0,image_plan/* parsePushDigest */.kX)(text, tag);
    if (!digest)
        throw new Error(`docker push ${ref} succeeded but printed no digest; cannot pin the training job to it`);
    return digest;
}

// EXTERNAL MODULE: ./src/aws-clients.ts
var aws_clients = __webpack_require__(6447);
;// CONCATENATED MODULE: ./src/ecr.ts
/**
 * The ECR API calls of the image edge: the registry login token, the repository (looked up,
 * or created), and whether a tag is already there. Docker itself is in docker.ts.
 */



/** A thin, typed face over the ECR client; one per run. */
class Ecr {
    client;
    sdk;
    constructor(client, sdk) {
        this.client = client;
        this.sdk = sdk;
    }
    static async create(region) {
        const [client, sdk] = await Promise.all([(0,aws_clients/* ecrClient */.GD)(region), Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(249)]).then(__webpack_require__.t.bind(__webpack_require__, 8249, 19))]);
        return new Ecr(client, sdk);
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
        runner/* setSecret */.Pq(data.authorizationToken);
        const { username, password } = (0,image_plan/* decodeAuthorizationToken */.Bs)(data.authorizationToken);
        runner/* setSecret */.Pq(password);
        return {
            registry: (0,image_plan/* registryHost */.U$)(data.proxyEndpoint),
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
        const out = await this.client
            .send(new this.sdk.BatchGetImageCommand({
            repositoryName: repository,
            imageIds: [{ imageTag: tag }],
            acceptedMediaTypes: [
                'application/vnd.docker.distribution.manifest.v2+json',
                'application/vnd.oci.image.manifest.v1+json',
                'application/vnd.docker.distribution.manifest.list.v2+json',
                'application/vnd.oci.image.index.v1+json'
            ]
        }))
            .catch((e) => {
            throw explain('BatchGetImage', e);
        });
        const digest = out.images?.find((i) => i.imageId?.imageDigest)?.imageId?.imageDigest;
        if (digest)
            return digest;
        const failure = out.failures?.[0];
        if (!failure || failure.failureCode === 'ImageNotFound')
            return undefined;
        throw new Error(`ECR could not say whether ${repository}:${tag} exists: ${failure.failureCode ?? 'unknown'} ${failure.failureReason ?? ''}`.trim());
    }
}
/** Names the ECR call in an AWS error, so "AccessDenied" says which permission is missing. */
function explain(operation, error) {
    const e = error;
    const what = e?.name && e.name !== 'Error' ? `${e.name}: ${e.message ?? ''}` : String(e?.message ?? error);
    const hint = /denied|unauthori[sz]ed|forbidden|InvalidSignature|ExpiredToken|UnrecognizedClient/i.test(what)
        ? `; the credentials need ecr:${operation} in this account and region`
        : '';
    const wrapped = new Error(`ECR ${operation} failed (${what.trim()})${hint}`);
    wrapped.cause = error;
    return wrapped;
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

// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
;// CONCATENATED MODULE: ./src/image.ts
/**
 * The image edge: log in to ECR, make sure the repository is there, then either reuse the
 * image already pushed for this commit or build and push it, and hand back the image pinned by
 * digest. The order keeps side effects late: everything that can be learned by reading
 * (token, repository, tag, Docker) is learned before anything is created or pushed.
 */











/** Logs in to ECR, ensures the repository, skips or builds+pushes, returns the pinned image. Runs inside core.group blocks. */
async function publishImage(settings, commit) {
    const repository = settings.config.ecrRepository;
    const tag = commit.shortSha;
    const ecr = await Ecr.create(settings.config.region);
    const { login, repo } = await runner/* group */.Os('Amazon ECR', async () => {
        const login = await ecr.login();
        runner/* info */.pq(`Registry: ${login.registry} (region ${settings.config.region})`);
        const repo = await ecr.describeRepository(repository);
        if (repo)
            runner/* info */.pq(`Repository ${repository}: ${repo.mutability}`);
        else if (!settings.createRepository) {
            throw new Error(`The ECR repository '${repository}' does not exist in ${login.registry}. ` +
                `Create it (aws ecr create-repository --repository-name ${repository} --region ${settings.config.region}), ` +
                `or set create-repository: true to let the action create it.`);
        }
        else
            runner/* info */.pq(`Repository ${repository} does not exist yet; it will be created`);
        if (repo?.uri)
            checkSameRegistry(login.registry, repo.uri);
        return { login, repo };
    });
    const uri = (0,image_plan/* imageUriFor */.Zz)(login.registry, repository, tag);
    if (repo) {
        const reused = await reuseExisting(ecr, repo, tag, settings.skipExistingImage);
        if (reused) {
            const pinned = (0,image_plan/* pinnedUriFor */.Uu)(login.registry, repository, reused);
            runner/* info */.pq(`${uri} is already in the registry (${reused}); nothing to build or push.`);
            return { uri, digest: reused, pinned, built: false, tags: [tag] };
        }
    }
    const docker = await probeDocker();
    for (const note of (0,image_plan/* platformNotes */.dt)(settings.platform, docker.arch))
        runner/* warning */.$e(note);
    runner/* info */.pq(`Docker ${docker.clientVersion} (engine ${docker.serverVersion}, ${docker.arch}); builder: ${describeBuilder(docker.builder)}`);
    const target = repo ?? (await runner/* group */.Os('Create ECR repository', () => createRepository(ecr, repository)));
    if (!repo && target.uri)
        checkSameRegistry(login.registry, target.uri);
    await runner/* group */.Os(`docker login ${login.registry}`, async () => {
        await dockerLogin(login.registry, login.username, login.password);
        state/* save */.UN(constants/* State */.Uw.Registry, login.registry);
        runner/* info */.pq(`Logged in to ${login.registry}`);
    });
    const tags = await tagsToPush(ecr, target, commit, settings.pushLatest);
    const pushed = await buildAndPush({ settings, commit, ecr, docker, repo: target, registry: login.registry, tags });
    return {
        uri,
        digest: pushed.digest,
        pinned: (0,image_plan/* pinnedUriFor */.Uu)(login.registry, repository, pushed.digest),
        built: pushed.built,
        tags: pushed.tags
    };
}
async function buildAndPush(job) {
    const { settings, commit, ecr, docker, repo, registry, tags } = job;
    const tag = commit.shortSha;
    const refs = tags.map((t) => (0,image_plan/* imageUriFor */.Zz)(registry, repo.name, t));
    const metadataDir = docker.builder.kind === 'buildx' ? await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'train-on-push-')) : undefined;
    const metadataFile = metadataDir ? (0,external_node_path_.join)(metadataDir, 'metadata.json') : undefined;
    try {
        const plan = (0,image_plan/* buildPlan */.Gg)({
            builder: docker.builder,
            context: inWorkspace(settings.workspace, settings.context),
            dockerfile: inWorkspace(settings.workspace, settings.dockerfile),
            refs,
            repositoryRef: `${registry}/${repo.name}`,
            platform: settings.platform,
            labels: (0,image_plan/* ociLabels */.TT)({
                sha: commit.sha,
                shortSha: commit.shortSha,
                repository: commit.repository,
                serverUrl: process.env.GITHUB_SERVER_URL,
                created: new Date()
            }),
            buildArgs: (0,image_plan/* buildArgList */.Zo)(settings.buildArgs),
            cache: settings.cache,
            immutable: tagIsImmutable(repo, image_plan/* CACHE_TAG */.yJ),
            metadataFile
        });
        // Falling back to an inline cache is routine (the runner's default builder); no cache at all is worth a notice.
        if (plan.cacheNote)
            (plan.cache === 'none' ? runner/* notice */.lm : runner/* info */.pq)(plan.cacheNote);
        const raced = await runner/* group */.Os(`Build ${refs.join(', ')}`, async () => {
            try {
                await dockerBuild(plan, settings.workspace);
                return undefined;
            }
            catch (error) {
                const taken = plan.pushesItself ? await takenMeanwhile(ecr, repo.name, tag, error) : undefined;
                if (!taken)
                    throw error;
                return taken;
            }
        });
        if (raced)
            return { digest: raced, tags: [tag], built: false };
        return await runner/* group */.Os('Push', async () => {
            if (plan.pushesItself && metadataFile) {
                const found = (0,image_plan/* parseMetadataDigest */.dq)(await (0,promises_.readFile)(metadataFile, 'utf8').catch(() => ''));
                if (!found) {
                    throw new Error('buildx pushed the image but wrote no digest to its metadata file; cannot pin the training job');
                }
                runner/* info */.pq(`Pushed ${refs.join(', ')} (${found})`);
                return { digest: found, tags, built: true };
            }
            let digest;
            const done = [];
            // The short-hash tag goes first: its digest is the one the job is pinned to.
            for (const [i, ref] of refs.entries()) {
                try {
                    const d = await dockerPush(ref);
                    digest ??= d;
                    done.push(tags[i]);
                    runner/* info */.pq(`Pushed ${ref} (${d})`);
                }
                catch (error) {
                    if (tags[i] === tag) {
                        const taken = await takenMeanwhile(ecr, repo.name, tag, error);
                        if (!taken)
                            throw error;
                        return { digest: taken, tags: [tag], built: false };
                    }
                    // `latest`, made immutable-and-taken by someone else after it was checked.
                    if (!(0,image_plan/* isImmutableTagRefusal */.PE)((0,errors/* errorMessage */.g)(error)))
                        throw error;
                    runner/* warning */.$e(`'${tags[i]}' could not be moved in ${repo.name}: ${(0,errors/* errorMessage */.g)(error)}`);
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
async function takenMeanwhile(ecr, repository, tag, error) {
    if (!(0,image_plan/* isImmutableTagRefusal */.PE)((0,errors/* errorMessage */.g)(error)))
        return undefined;
    const digest = await ecr.imageDigest(repository, tag);
    if (digest) {
        runner/* notice */.lm(`${repository}:${tag} was pushed by another run while this one was building; its image (${digest}) is used, since the tag cannot move.`);
    }
    return digest;
}
/** Post step: `docker logout <registry>` of what main logged in to (read from state); failures are warnings. */
async function logoutRegistry() {
    const registry = state/* load */.Hh(constants/* State */.Uw.Registry);
    if (!registry)
        return;
    const problem = await dockerLogout(registry);
    if (problem)
        runner/* warning */.$e(`docker logout ${registry} failed: ${problem}. The runner may keep the (12-hour) ECR login.`);
    else
        runner/* info */.pq(`Logged out of ${registry}`);
}
/**
 * The digest to reuse instead of building, if any. An IMMUTABLE tag that exists is always
 * reused: pushing it again would fail even with identical content.
 */
async function reuseExisting(ecr, repo, tag, skipExisting) {
    const immutable = tagIsImmutable(repo, tag);
    if (!skipExisting && !immutable)
        return undefined;
    const digest = await ecr.imageDigest(repo.name, tag);
    if (digest && !skipExisting) {
        runner/* notice */.lm(`${repo.name}:${tag} already exists and the repository does not let tags move, so that image is reused instead of rebuilt.`);
    }
    return digest;
}
/** The short hash always; `latest` unless it exists and may not move. */
async function tagsToPush(ecr, repo, commit, pushLatest) {
    const tags = (0,image_plan/* imageTags */.rK)(commit.shortSha, pushLatest);
    if (!tags.includes('latest') || !tagIsImmutable(repo, 'latest'))
        return tags;
    if (!(await ecr.imageDigest(repo.name, 'latest')))
        return tags;
    runner/* warning */.$e(`'latest' already exists in ${repo.name} and its tags are immutable, so it is not moved to this build; set push-latest: false to silence this.`);
    return tags.filter((t) => t !== 'latest');
}
async function createRepository(ecr, name) {
    const created = await ecr.createRepository(name);
    runner/* info */.pq(`Created ECR repository ${name} (${created.mutability})`);
    return created;
}
/**
 * The token is for one registry; the repository must live in that same registry, or the
 * push would be refused after a full build.
 */
function checkSameRegistry(registry, repositoryUri) {
    const repoHost = (0,image_plan/* hostOfRepositoryUri */._K)(repositoryUri);
    if (repoHost.toLowerCase() !== registry.toLowerCase()) {
        throw new Error(`The ECR login token is for registry ${registry}, but the repository is in ${repoHost}. ` +
            'Use credentials and a region for the account that owns the repository.');
    }
}
function inWorkspace(workspace, path) {
    return (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path);
}
function describeBuilder(b) {
    if (b.kind === 'buildx')
        return `buildx ${b.version ?? ''} (${b.driver ?? 'unknown'} driver)`.replace('  ', ' ');
    if (b.kind === 'buildkit')
        return 'docker build with BuildKit';
    return 'docker build (legacy builder: this CLI has no buildx plugin)';
}


/***/ })

};
