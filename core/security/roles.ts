export const ROLES = ['admin', 'clerk', 'reviewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  admin: '系统管理员',
  clerk: '录入员',
  reviewer: '审核员',
  auditor: '审计员',
};

/** Roles that see ID numbers and phones in full in forms and exports; others see them masked. */
export const FULL_PII_ROLES: readonly Role[] = ['clerk'];
