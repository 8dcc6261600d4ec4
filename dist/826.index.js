export const id = 826;
export const ids = [826];
export const modules = {

/***/ 8826:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   callerAccount: () => (/* binding */ callerAccount)
/* harmony export */ });
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(201);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
/**
 * The AWS account of the action's credentials, for a job config that names no execution
 * role: the job then runs as `sagemaker_execution_role` in that account, as the jobs of the
 * submit script this action replaces did.
 *
 * STS GetCallerIdentity needs no IAM permission: AWS answers it for any valid credentials,
 * even when a policy denies `sts:GetCallerIdentity` explicitly. So when it fails, the
 * credentials themselves are missing, expired or wrong, or STS cannot be reached.
 */


const GET_CALLER_IDENTITY = { service: 'STS', operation: 'GetCallerIdentity', permissions: [] };
/**
 * The 12-digit account id of the credentials every AWS call of the run uses (the action's own
 * session, or the default credential chain: whatever configure-aws-credentials set), from
 * STS GetCallerIdentity; `AWS_ENDPOINT_URL[_STS]` is honoured. A failure is an AwsCallError
 * that names the call and says what to check.
 */
async function callerAccount(region) {
    const client = await (0,_clients_js__WEBPACK_IMPORTED_MODULE_0__.stsClient)(region);
    try {
        const { GetCallerIdentityCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(695)]).then(__webpack_require__.t.bind(__webpack_require__, 1695, 19));
        const answer = await client.send(new GetCallerIdentityCommand({}));
        const account = answer.Account ?? '';
        if (!/^\d{12}$/.test(account))
            throw new Error(`STS answered with '${account}', which is not an AWS account id`);
        return account;
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainAwsError */ .Ni)(GET_CALLER_IDENTITY, error);
    }
    finally {
        client.destroy();
    }
}


/***/ })

};
