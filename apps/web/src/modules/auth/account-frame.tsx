import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';

/** The account pages appear inside the desk frame from the user menu, and on their own when forced or on a phone. */
export function AccountFrame({ title, children }: { title: string; children: ReactNode }) {
  const inDesk = useLocation().pathname.startsWith('/desk');
  if (!inDesk) return <Card title={<h1 style={{ margin: 0, fontSize: 20 }}>{title}</h1>}>{children}</Card>;
  return (
    <>
      <PageHeader crumbs={[{ title }]} title={title} />
      <Card style={{ maxWidth: 560 }}>{children}</Card>
    </>
  );
}
