export const id = 743;
export const ids = [743];
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

/***/ 4743:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lookUpImage: () => (/* binding */ lookUpImage)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _ecr_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2531);
/* harmony import */ var _refs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8683);
/* harmony import */ var _reuse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9785);




/** Where the job's image would come from if the run trained now. */
async function lookUpImage(settings, commit, source, previewUri, log) {
    const repository = settings.config.ecrRepository;
    try {
        const ecr = await _ecr_js__WEBPACK_IMPORTED_MODULE_0__/* .Ecr */ .Lv.create(settings.config.region, log);
        const repo = await ecr.describeRepository(repository);
        if (!repo && !settings.createRepository) {
            return {
                kind: 'unchecked',
                uri: previewUri,
                reason: `the ECR repository '${repository}' (${_reuse_js__WEBPACK_IMPORTED_MODULE_1__/* .REPOSITORY_NAME_SOURCE */ .z}) does not exist and create-repository is false: the run would fail`,
                fails: true
            };
        }
        const tag = (0,_refs_js__WEBPACK_IMPORTED_MODULE_2__/* .tagForBuild */ .gU)(commit.shortSha, source);
        const uri = (0,_refs_js__WEBPACK_IMPORTED_MODULE_2__/* .imageUriFor */ .Zz)(await registryOf(ecr, repo), repository, tag);
        const found = repo ? await (0,_reuse_js__WEBPACK_IMPORTED_MODULE_1__/* .findReusable */ .v)(ecr, repo, settings, tag, source, log) : undefined;
        if (found?.by === 'content')
            return { kind: 'reused-by-content', uri, builtBy: found.builtBy };
        if (found?.by === 'tag')
            return { kind: 'reused-tag', uri };
        return { kind: 'build', uri, contentKey: source.contentKey };
    }
    catch (error) {
        return { kind: 'unchecked', uri: previewUri, reason: (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error) };
    }
}
/**
 * The registry host the run would push to. The repository's URI names it; a repository the
 * run would create does not exist yet, so the host comes from the login token, as the run's
 * own does (the token is masked in the log at once, and never used here).
 */
async function registryOf(ecr, repo) {
    if (repo?.uri)
        return (0,_refs_js__WEBPACK_IMPORTED_MODULE_2__/* .hostOfRepositoryUri */ ._K)(repo.uri);
    return (await ecr.login()).registry;
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
