export function ComingSoon({ title }: { title: string }) {
  return (
    <section className="page placeholder">
      <h1>{title}</h1>
      <p>“{title}”模块正在建设中，敬请期待。</p>
      <p className="muted">花名册已可使用，请从左侧导航进入。</p>
    </section>
  );
}
