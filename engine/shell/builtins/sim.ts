// sim: the directives for what a learner does with the mouse (advance, settle, reset, node
// and component faults), implemented in engine/sim/directives.ts.
import { simDirective } from '../../sim/directives.ts';
import type { Builtin } from './builtin.ts';

export const sim: Builtin = ({ args, io, host }) => simDirective(args, io, host);
