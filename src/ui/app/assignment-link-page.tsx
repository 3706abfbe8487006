import { AssignmentLinkPage } from './assignments-page';

/** Lazy entry for `#/assignment/<payload>` (the page lives with the other assignment pages). */
export default AssignmentLinkPage;
