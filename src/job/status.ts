/** What a training job's status says about its future. */

/** Statuses after which a job never changes again. */
export const TERMINAL_STATUSES: readonly string[] = ['Completed', 'Failed', 'Stopped']

/** True while SageMaker may still change the job (InProgress, Stopping). */
export const isRunningStatus = (status: string | undefined): boolean => status === 'InProgress' || status === 'Stopping'
