// The branch icon: a path that forks by condition (lucide's GitBranch).
import { GitBranch } from 'lucide-react';
import { kindIcon } from '../node-icon';

export const BranchIcon = kindIcon(GitBranch, 'BranchIcon');
